using System.Text.Json.Serialization;
using MythicDot.Responses;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for responses.</summary>
/// <remarks>One context per area, so that a NativeAOT or trimmed application keeps the metadata of the areas it calls and no other
/// (a context's <c>GetTypeInfo(Type)</c> roots every type it lists). The options are the same in every context.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ResponseRequest))]
[JsonSerializable(typeof(ModelResponse))]
[JsonSerializable(typeof(ResponseDeletion))]
[JsonSerializable(typeof(IReadOnlyList<ResponseItem>))]
[JsonSerializable(typeof(IReadOnlyList<ResponseContentPart>))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext
{
}
