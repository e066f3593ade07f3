namespace MythicDot.Realtime;

/// <summary><c>response.created</c>: a response started; its output events follow.</summary>
public sealed class ResponseCreatedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseCreatedEvent"/> class.</summary>
    public ResponseCreatedEvent()
    {
        Type = RealtimeServerEventType.ResponseCreated;
    }

    /// <summary>Gets the response, <see cref="RealtimeResponseStatus.InProgress"/>.</summary>
    public RealtimeResponse? Response { get; init; }
}
