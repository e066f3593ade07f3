using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>An invitation to join the organization (<c>organization.invite</c>), returned by <c>POST /organization/invites</c>.</summary>
public sealed class OrganizationInvite : ApiResponse
{
    /// <summary>Gets the invite's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the object type, <c>organization.invite</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the email address invited.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the role the member will have.</summary>
    public OrganizationRole Role { get; init; }

    /// <summary>Gets the invite's status, for example <c>pending</c>, <c>accepted</c> or <c>expired</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Gets when the invite was sent.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset InvitedAt { get; init; }

    /// <summary>Gets when the invite expires.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset ExpiresAt { get; init; }
}
