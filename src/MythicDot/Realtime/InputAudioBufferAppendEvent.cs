using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>input_audio_buffer.append</c>: adds audio to the input buffer (sent base64-encoded), in the session's input audio format (24 kHz 16-bit mono PCM by default).</summary>
public sealed class InputAudioBufferAppendEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferAppendEvent"/> class, to fill with an object initializer.</summary>
    public InputAudioBufferAppendEvent()
        : base("input_audio_buffer.append")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InputAudioBufferAppendEvent"/> class.</summary>
    /// <param name="audio">The audio bytes to append.</param>
    public InputAudioBufferAppendEvent(ReadOnlyMemory<byte> audio)
        : this()
    {
        Audio = audio;
    }

    /// <summary>Gets or sets the audio bytes to append; the SDK encodes them as base64.</summary>
    public ReadOnlyMemory<byte> Audio { get; set; }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.InputAudioBufferAppendEvent;
}
