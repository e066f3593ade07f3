using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;
using MythicDot.Embeddings;

namespace MythicDot.Embeddings;

/// <summary>One embedding vector of an <see cref="EmbeddingResponse"/>.</summary>
public sealed class Embedding : ApiObject
{
    /// <summary>Gets or sets the object type, <c>embedding</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType
    {
        get => _objectType;
        init => _objectType = value ?? "embedding";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _objectType = "embedding";

    /// <summary>Gets or sets the position of the input this vector embeds, in <see cref="EmbeddingRequest.Input"/>.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the vector (wire name <c>embedding</c>), read as float32 from either a JSON number array or a base64 string.</summary>
    /// <remarks>Use <c>Vector.Span</c> to compute on it without copying.</remarks>
    [JsonPropertyName("embedding")]
    [JsonConverter(typeof(EmbeddingVectorConverter))]
    public ReadOnlyMemory<float> Vector { get; init; }
}
