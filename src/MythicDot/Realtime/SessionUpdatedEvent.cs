namespace MythicDot.Realtime;

/// <summary><c>session.updated</c>: a <see cref="SessionUpdateEvent"/> was applied.</summary>
public sealed class SessionUpdatedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="SessionUpdatedEvent"/> class.</summary>
    public SessionUpdatedEvent()
    {
        Type = RealtimeServerEventType.SessionUpdated;
    }

    /// <summary>Gets the whole session after the update.</summary>
    public RealtimeSessionConfiguration? Session { get; init; }
}
