namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.speech_stopped</c>: the speech in the input audio ended.</summary>
public sealed class InputAudioBufferSpeechStoppedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferSpeechStoppedEvent"/> class.</summary>
    public InputAudioBufferSpeechStoppedEvent()
    {
        Type = RealtimeServerEventType.InputAudioBufferSpeechStopped;
    }

    /// <summary>Gets where the speech ends, in milliseconds of all the audio appended in the session.</summary>
    public int AudioEndMs { get; init; }

    /// <summary>Gets the id of the user item the speech will become.</summary>
    public string? ItemId { get; init; }
}
