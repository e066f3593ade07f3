using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Files;

/// <summary>A stored file (<c>POST /files</c>, <c>GET /files/{id}</c>, an item of <c>GET /files</c>).</summary>
public sealed class FileObject : ApiResponse
{
    private string _id = string.Empty;

    /// <summary>Gets or sets the file's id, for example <c>file-abc123</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    /// <summary>Gets or sets the object type, <c>file</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets the file's size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Gets or sets when the file was stored.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets or sets the file name given at upload.</summary>
    public string? Filename { get; init; }

    /// <summary>Gets or sets what the file is for.</summary>
    public FilePurpose Purpose { get; init; }

    /// <summary>Gets or sets the file's processing status (<c>uploaded</c>, <c>processed</c>, <c>error</c>), when the server sends one.</summary>
    public string? Status { get; init; }

    /// <summary>Gets or sets when the file will be deleted, or <see langword="null"/> when it does not expire.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets or sets why processing failed, when it did.</summary>
    public string? StatusDetails { get; init; }
}
