using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Admin;

/// <summary>A request for <c>PATCH /organization/members/{id}</c>: the member's new role.</summary>
public sealed class OrganizationMemberUpdate
{
    internal static readonly string[] TypedNames = ["role"];

    /// <summary>Initializes a new instance of the <see cref="OrganizationMemberUpdate"/> class, to fill with an object initializer.</summary>
    public OrganizationMemberUpdate()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OrganizationMemberUpdate"/> class with a role.</summary>
    /// <param name="role">The member's new role.</param>
    public OrganizationMemberUpdate(OrganizationRole role)
    {
        Role = role;
    }

    /// <summary>Gets or sets the member's new role (required).</summary>
    public OrganizationRole Role { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(OrganizationMemberUpdate request, string paramName)
    {
        if (string.IsNullOrEmpty(request.Role.Value))
        {
            throw new ArgumentException("OrganizationMemberUpdate.Role is required (for example OrganizationRole.Owner).", paramName);
        }

        AdminValidation.RefuseTyped(request.AdditionalProperties, TypedNames, nameof(OrganizationMemberUpdate), paramName);
    }
}
