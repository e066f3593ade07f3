using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>A member of the organization (<c>organization.user</c>), as listed by <c>GET /organization/members</c> and returned by an update.</summary>
public sealed class OrganizationMember : ApiResponse
{
    /// <summary>Gets the member's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the object type, <c>organization.user</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the member's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the member's email address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the member's role.</summary>
    public OrganizationRole Role { get; init; }

    /// <summary>Gets when the member joined, when the server sends it.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset AddedAt { get; init; }
}
