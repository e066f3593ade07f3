using System.Text.Json.Serialization;

namespace MythicDot.Files;

/// <summary>The answer of <c>DELETE /files/{id}</c>.</summary>
public sealed class FileDeletion : ApiResponse
{
    /// <summary>Gets or sets the id of the file deleted.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the object type, <c>file</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets whether the file was deleted.</summary>
    public bool Deleted { get; init; }
}
