using System.Text.Json.Serialization;

namespace MythicDot.Realtime;

/// <summary>An event the server sends in a realtime session, read by <see cref="RealtimeSession.ReceiveUpdatesAsync(CancellationToken)"/>.
/// Each <c>type</c> the SDK knows arrives as its derived type (<see cref="SessionCreatedEvent"/>, <see cref="ResponseAudioDeltaEvent"/>, ...);
/// any other arrives as this type, with its <see cref="Type"/> and every other field in <see cref="ApiObject.AdditionalProperties"/>.</summary>
public class RealtimeServerEvent : ApiObject
{
    /// <summary>Initializes a new instance of the <see cref="RealtimeServerEvent"/> class: the SDK's own, for an event of a type it does not model.</summary>
    [JsonConstructor]
    internal RealtimeServerEvent()
    {
    }

    /// <summary>Gets the event's <c>type</c>, for example <see cref="RealtimeServerEventType.SessionCreated"/>.</summary>
    [JsonPropertyOrder(-2)]
    public RealtimeServerEventType Type { get; init; }

    /// <summary>Gets the id the server gave the event.</summary>
    [JsonPropertyOrder(-1)]
    public string? EventId { get; init; }
}
