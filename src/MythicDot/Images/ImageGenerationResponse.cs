using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Images;

/// <summary>The response of <c>POST /images/generations</c>.</summary>
public sealed class ImageGenerationResponse : ApiResponse
{
    /// <summary>Gets or sets when the images were created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets or sets the images.</summary>
    public IReadOnlyList<GeneratedImage> Data
    {
        get => _data;
        init => _data = value ?? [];
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private IReadOnlyList<GeneratedImage> _data = [];

    /// <summary>Gets the URL of every image that has one, in the order of <see cref="Data"/>.</summary>
    /// <remarks>Built from <see cref="Data"/> on each read.</remarks>
    [JsonIgnore]
    public IReadOnlyList<Uri> Urls => _urls ??= Data is null ? [] : [.. Data.Where(image => image?.Url is not null).Select(image => image.Url!)];

    // Made on first read and kept: Data is init-only, so the list cannot go stale.
    private IReadOnlyList<Uri>? _urls;
}
