using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.commit</c>: turns the input audio into a user item (needed when turn detection is off); the server answers <see cref="InputAudioBufferCommittedEvent"/>.</summary>
public sealed class InputAudioBufferCommitEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferCommitEvent"/> class.</summary>
    public InputAudioBufferCommitEvent()
        : base("input_audio_buffer.commit")
    {
    }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.InputAudioBufferCommitEvent;
}
