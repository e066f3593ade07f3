namespace MythicDot.Realtime;

/// <summary><c>response.audio.done</c>: the audio of a content part is complete.</summary>
public sealed class ResponseAudioDoneEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseAudioDoneEvent"/> class.</summary>
    public ResponseAudioDoneEvent()
    {
        Type = RealtimeServerEventType.ResponseAudioDone;
    }

    /// <summary>Gets the id of the response.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the id of the item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the index of the item in the response's output.</summary>
    public int OutputIndex { get; init; }

    /// <summary>Gets the index of the part in the item's content.</summary>
    public int ContentIndex { get; init; }
}
