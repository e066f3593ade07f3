using System.Text.Json.Serialization;

namespace MythicDot.Admin;

/// <summary>The answer to <c>DELETE /organization/api-keys/{id}</c>.</summary>
public sealed class AdminApiKeyDeletion : ApiResponse
{
    /// <summary>Gets the deleted key's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the object type, <c>organization.admin_api_key.deleted</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets whether the key was deleted.</summary>
    public bool Deleted { get; init; }
}
