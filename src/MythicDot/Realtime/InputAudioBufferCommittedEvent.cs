namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.committed</c>: the input audio was committed and becomes a user item.</summary>
public sealed class InputAudioBufferCommittedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferCommittedEvent"/> class.</summary>
    public InputAudioBufferCommittedEvent()
    {
        Type = RealtimeServerEventType.InputAudioBufferCommitted;
    }

    /// <summary>Gets the id of the item it follows.</summary>
    public string? PreviousItemId { get; init; }

    /// <summary>Gets the id of the user item.</summary>
    public string? ItemId { get; init; }
}
