namespace MythicDot.Realtime;

/// <summary><c>response.done</c>: a response ended: completed, cancelled, incomplete or failed, with its usage.</summary>
public sealed class ResponseDoneEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseDoneEvent"/> class.</summary>
    public ResponseDoneEvent()
    {
        Type = RealtimeServerEventType.ResponseDone;
    }

    /// <summary>Gets the response, with its final status, output and usage.</summary>
    public RealtimeResponse? Response { get; init; }
}
