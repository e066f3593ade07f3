using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.clear</c>: discards the input audio not yet committed; the server answers <see cref="InputAudioBufferClearedEvent"/>.</summary>
public sealed class InputAudioBufferClearEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferClearEvent"/> class.</summary>
    public InputAudioBufferClearEvent()
        : base("input_audio_buffer.clear")
    {
    }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.InputAudioBufferClearEvent;
}
