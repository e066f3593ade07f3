namespace MythicDot.Realtime;

/// <summary>One part of a realtime message's content: text or audio.</summary>
public sealed class RealtimeContentPart : ApiObject
{
    /// <summary>Gets or sets the kind of part: <c>input_text</c> and <c>input_audio</c> in what you send, <c>text</c> and <c>audio</c> in what the model answers.</summary>
    public string? Type { get; init; }

    /// <summary>Gets or sets the text of a text part.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the audio of an audio part, decoded (base64 on the wire), in the session's audio format.</summary>
    public ReadOnlyMemory<byte>? Audio { get; init; }

    /// <summary>Gets the transcript of an audio part, when there is one.</summary>
    public string? Transcript { get; init; }

    /// <summary>Creates an <c>input_text</c> part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static RealtimeContentPart InputText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RealtimeContentPart { Type = "input_text", Text = text };
    }

    /// <summary>Creates an <c>input_audio</c> part.</summary>
    /// <param name="audio">The audio, in the session's input audio format.</param>
    /// <returns>The part.</returns>
    public static RealtimeContentPart InputAudio(ReadOnlyMemory<byte> audio) => new() { Type = "input_audio", Audio = audio };
}
