using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Embeddings;

/// <summary>The response of <c>POST /embeddings</c>.</summary>
public sealed class EmbeddingResponse : ApiResponse
{
    /// <summary>Gets or sets the object type, <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; set; } = "list";

    /// <summary>Gets or sets the vectors, one per input; <see cref="Embedding.Index"/> says which.</summary>
    public IReadOnlyList<Embedding> Data { get; set; } = [];

    /// <summary>Gets or sets the model that embedded the inputs.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the token counts (<see cref="Usage.CompletionTokens"/> is 0).</summary>
    public Usage? Usage { get; set; }

    /// <summary>Gets or sets fields the SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    internal override string? TelemetryModel => Model;

    internal override Usage? TelemetryUsage => Usage;
}
