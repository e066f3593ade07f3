namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.speech_started</c>: speech was detected in the input audio.</summary>
public sealed class InputAudioBufferSpeechStartedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferSpeechStartedEvent"/> class.</summary>
    public InputAudioBufferSpeechStartedEvent()
    {
        Type = RealtimeServerEventType.InputAudioBufferSpeechStarted;
    }

    /// <summary>Gets where the speech starts, in milliseconds of all the audio appended in the session.</summary>
    public int AudioStartMs { get; init; }

    /// <summary>Gets the id of the user item the speech will become.</summary>
    public string? ItemId { get; init; }
}
