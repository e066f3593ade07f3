using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Embeddings;

/// <summary>The response of <c>POST /embeddings</c>.</summary>
public sealed class EmbeddingResponse : ApiResponse
{
    /// <summary>Gets or sets the object type, <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType
    {
        get => _objectType;
        init => _objectType = value ?? "list";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _objectType = "list";

    /// <summary>Gets or sets the vectors, one per input; <see cref="Embedding.Index"/> says which.</summary>
    public IReadOnlyList<Embedding> Data
    {
        get => _data;
        init => _data = value ?? [];
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private IReadOnlyList<Embedding> _data = [];

    /// <summary>Gets or sets the model that embedded the inputs.</summary>
    public string Model
    {
        get => _model;
        init => _model = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _model = string.Empty;

    /// <summary>Gets or sets the token counts (<see cref="Usage.CompletionTokens"/> is 0).</summary>
    public Usage? Usage { get; init; }

    internal override string? TelemetryModel => Model;

    internal override Usage? TelemetryUsage => Usage;
}
