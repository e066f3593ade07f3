using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Models;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for every wire type: no reflection, so trimming and AOT are safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(Model))]
[JsonSerializable(typeof(ModelListPage))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(ImageGenerationRequest))]
[JsonSerializable(typeof(ImageGenerationResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ApiJsonResponse))]
internal sealed partial class MythicDotJsonContext : JsonSerializerContext
{
}
