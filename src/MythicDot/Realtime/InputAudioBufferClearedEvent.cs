namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.cleared</c>: the input audio not yet committed was discarded.</summary>
public sealed class InputAudioBufferClearedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferClearedEvent"/> class.</summary>
    public InputAudioBufferClearedEvent()
    {
        Type = RealtimeServerEventType.InputAudioBufferCleared;
    }
}
