namespace MythicDot.Realtime;

/// <summary><c>response.audio.delta</c>: a piece of the response's audio, in the session's output audio format.</summary>
public sealed class ResponseAudioDeltaEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseAudioDeltaEvent"/> class.</summary>
    public ResponseAudioDeltaEvent()
    {
        Type = RealtimeServerEventType.ResponseAudioDelta;
    }

    /// <summary>Gets the id of the response.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the id of the item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the index of the item in the response's output.</summary>
    public int OutputIndex { get; init; }

    /// <summary>Gets the index of the part in the item's content.</summary>
    public int ContentIndex { get; init; }

    /// <summary>Gets the audio bytes, decoded (base64 on the wire).</summary>
    public ReadOnlyMemory<byte> Delta { get; init; }
}
