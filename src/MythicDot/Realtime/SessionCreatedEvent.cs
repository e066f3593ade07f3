namespace MythicDot.Realtime;

/// <summary><c>session.created</c>: the session is open, with its configuration; the first event of every session.</summary>
public sealed class SessionCreatedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="SessionCreatedEvent"/> class.</summary>
    public SessionCreatedEvent()
    {
        Type = RealtimeServerEventType.SessionCreated;
    }

    /// <summary>Gets the session as the server set it up.</summary>
    public RealtimeSessionConfiguration? Session { get; init; }
}
