namespace MythicDot.Realtime;

/// <summary><c>response.audio_transcript.done</c>: the transcript of a content part's audio is complete.</summary>
public sealed class ResponseAudioTranscriptDoneEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseAudioTranscriptDoneEvent"/> class.</summary>
    public ResponseAudioTranscriptDoneEvent()
    {
        Type = RealtimeServerEventType.ResponseAudioTranscriptDone;
    }

    /// <summary>Gets the id of the response.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the id of the item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the index of the item in the response's output.</summary>
    public int OutputIndex { get; init; }

    /// <summary>Gets the index of the part in the item's content.</summary>
    public int ContentIndex { get; init; }

    /// <summary>Gets the whole transcript.</summary>
    public string? Transcript { get; init; }
}
