using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>session.update</c>: changes the session (voice, instructions, modalities, formats, turn detection, tools); the server answers <see cref="SessionUpdatedEvent"/> with the whole session, or <see cref="RealtimeErrorEvent"/>.</summary>
public sealed class SessionUpdateEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="SessionUpdateEvent"/> class, to fill with an object initializer.</summary>
    public SessionUpdateEvent()
        : base("session.update")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SessionUpdateEvent"/> class.</summary>
    /// <param name="session">What to change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is <see langword="null"/>.</exception>
    public SessionUpdateEvent(RealtimeSessionConfiguration session)
        : this()
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
    }

    /// <summary>Gets or sets what to change; the properties left <see langword="null"/> keep their values.</summary>
    public RealtimeSessionConfiguration Session { get; set; } = new();

    internal override void Validate(string paramName)
    {
        base.Validate(paramName);
        if (Session is null)
        {
            throw new ArgumentException("SessionUpdateEvent.Session is null.", paramName);
        }
    }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.SessionUpdateEvent;
}
