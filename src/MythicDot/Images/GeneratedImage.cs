using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Images;

/// <summary>One image of an <see cref="ImageGenerationResponse"/>.</summary>
public sealed class GeneratedImage
{
    /// <summary>Gets or sets where the image can be downloaded; <see langword="null"/> when the API returned it inline in <see cref="B64Json"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>Gets or sets the image as base64, when the API returns it inline instead of as a URL.</summary>
    [JsonPropertyName("b64_json")]
    public string? B64Json { get; init; }

    /// <summary>Gets or sets the prompt the provider actually used, when it rewrote the one sent.</summary>
    public string? RevisedPrompt { get; init; }

    /// <summary>Gets the fields the SDK does not model yet, as the server sent them.</summary>
    /// <remarks>Read-only once built; set it in an object initializer (a test's fake, for example).</remarks>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties
    {
        get => ExtensionData;
        init => ExtensionData = ExtensionFields.From(value);
    }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
