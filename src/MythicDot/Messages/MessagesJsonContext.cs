using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Messages;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for messages, streamed or not, and token counts.</summary>
/// <remarks>One context per area, so that a NativeAOT or trimmed application keeps the metadata of the areas it calls and no other
/// (a context's <c>GetTypeInfo(Type)</c> roots every type it lists). The options are the same in every context.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(MessageRequest))]
[JsonSerializable(typeof(MessageCountTokensRequest))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(MessageTokenCount))]
[JsonSerializable(typeof(MessageStreamEvent))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageDeltaEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(MessagePingEvent))]
[JsonSerializable(typeof(UnknownMessageStreamEvent))]
[JsonSerializable(typeof(IReadOnlyList<MessageContentBlock>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class MessagesJsonContext : JsonSerializerContext
{
}
