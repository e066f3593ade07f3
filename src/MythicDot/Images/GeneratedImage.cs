using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Images;

/// <summary>One image of an <see cref="ImageGenerationResponse"/>.</summary>
public sealed class GeneratedImage : ApiObject
{
    /// <summary>Gets or sets where the image can be downloaded; <see langword="null"/> when the API returned it inline in <see cref="B64Json"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>Gets or sets the image as base64, when the API returns it inline instead of as a URL.</summary>
    [JsonPropertyName("b64_json")]
    public string? B64Json { get; init; }

    /// <summary>Gets or sets the prompt the provider actually used, when it rewrote the one sent.</summary>
    public string? RevisedPrompt { get; init; }
}
