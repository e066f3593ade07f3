using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Realtime;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for realtime sessions: the client events the SDK sends and the server events it reads.</summary>
/// <remarks>One context per area, so that a NativeAOT or trimmed application keeps the metadata of the areas it calls and no other
/// (a context's <c>GetTypeInfo(Type)</c> roots every type it lists). The options are the same in every context.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(SessionUpdateEvent))]
[JsonSerializable(typeof(InputAudioBufferAppendEvent))]
[JsonSerializable(typeof(InputAudioBufferCommitEvent))]
[JsonSerializable(typeof(InputAudioBufferClearEvent))]
[JsonSerializable(typeof(ConversationItemCreateEvent))]
[JsonSerializable(typeof(ResponseCreateEvent))]
[JsonSerializable(typeof(ResponseCancelEvent))]
[JsonSerializable(typeof(RealtimeServerEvent))]
[JsonSerializable(typeof(RealtimeErrorEvent))]
[JsonSerializable(typeof(RealtimeErrorDetails))]
[JsonSerializable(typeof(SessionCreatedEvent))]
[JsonSerializable(typeof(SessionUpdatedEvent))]
[JsonSerializable(typeof(InputAudioBufferSpeechStartedEvent))]
[JsonSerializable(typeof(InputAudioBufferSpeechStoppedEvent))]
[JsonSerializable(typeof(InputAudioBufferCommittedEvent))]
[JsonSerializable(typeof(InputAudioBufferClearedEvent))]
[JsonSerializable(typeof(ConversationItemCreatedEvent))]
[JsonSerializable(typeof(ResponseCreatedEvent))]
[JsonSerializable(typeof(ResponseDoneEvent))]
[JsonSerializable(typeof(ResponseAudioDeltaEvent))]
[JsonSerializable(typeof(ResponseAudioDoneEvent))]
[JsonSerializable(typeof(ResponseAudioTranscriptDeltaEvent))]
[JsonSerializable(typeof(ResponseAudioTranscriptDoneEvent))]
[JsonSerializable(typeof(ResponseTextDeltaEvent))]
[JsonSerializable(typeof(ResponseTextDoneEvent))]
[JsonSerializable(typeof(RateLimitsUpdatedEvent))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext
{
}
