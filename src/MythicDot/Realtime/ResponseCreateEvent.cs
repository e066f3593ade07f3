using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>response.create</c>: asks the model for a response to the conversation so far (needed when turn detection is off); the server answers <see cref="ResponseCreatedEvent"/>, the output events, then <see cref="ResponseDoneEvent"/>.</summary>
public sealed class ResponseCreateEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseCreateEvent"/> class.</summary>
    public ResponseCreateEvent()
        : base("response.create")
    {
    }

    /// <summary>Gets or sets what to change for this response only; <see langword="null"/> for the session's settings.</summary>
    public RealtimeResponseOptions? Response { get; set; }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.ResponseCreateEvent;
}
