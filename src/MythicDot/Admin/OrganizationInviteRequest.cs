using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Admin;

/// <summary>A request for <c>POST /organization/invites</c>: who to invite and with which role.</summary>
public sealed class OrganizationInviteRequest
{
    internal static readonly string[] TypedNames = ["email", "role"];

    /// <summary>Initializes a new instance of the <see cref="OrganizationInviteRequest"/> class, to fill with an object initializer.</summary>
    public OrganizationInviteRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OrganizationInviteRequest"/> class.</summary>
    /// <param name="email">The email address to invite.</param>
    /// <param name="role">The role the member will have.</param>
    public OrganizationInviteRequest(string email, OrganizationRole role)
    {
        Email = email;
        Role = role;
    }

    /// <summary>Gets or sets the email address to invite (required).</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>Gets or sets the role the member will have (required).</summary>
    public OrganizationRole Role { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(OrganizationInviteRequest request, string paramName)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("OrganizationInviteRequest.Email must be an email address.", paramName);
        }

        if (string.IsNullOrEmpty(request.Role.Value))
        {
            throw new ArgumentException("OrganizationInviteRequest.Role is required (for example OrganizationRole.Reader).", paramName);
        }

        AdminValidation.RefuseTyped(request.AdditionalProperties, TypedNames, nameof(OrganizationInviteRequest), paramName);
    }
}
