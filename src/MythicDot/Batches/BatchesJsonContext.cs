using System.Text.Json.Serialization;
using MythicDot.Batches;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for batches and their JSONL lines.</summary>
/// <remarks>One context per area (see <see cref="ModerationsJsonContext"/>); the options are the same in every context.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(BatchCreateRequest))]
[JsonSerializable(typeof(Batch))]
[JsonSerializable(typeof(Page<Batch>))]
[JsonSerializable(typeof(BatchRequestLine))]
[JsonSerializable(typeof(BatchResultLine))]
internal sealed partial class BatchesJsonContext : JsonSerializerContext
{
}
