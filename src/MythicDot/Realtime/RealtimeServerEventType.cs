using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>The <c>type</c> of an event the server sends in a realtime session. An open set: a type the SDK does not know is kept, not rejected, and its event arrives as a plain <see cref="RealtimeServerEvent"/>.</summary>
[JsonConverter(typeof(RealtimeServerEventTypeConverter))]
public readonly struct RealtimeServerEventType : IEquatable<RealtimeServerEventType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="RealtimeServerEventType"/> struct.</summary>
    /// <param name="value">The type as the API spells it.</param>
    public RealtimeServerEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>error</c>: the server reports an error (<see cref="RealtimeErrorEvent"/>).</summary>
    public static RealtimeServerEventType Error { get; } = new("error");

    /// <summary>Gets <c>session.created</c>: the session is open (<see cref="SessionCreatedEvent"/>).</summary>
    public static RealtimeServerEventType SessionCreated { get; } = new("session.created");

    /// <summary>Gets <c>session.updated</c>: a <c>session.update</c> was applied (<see cref="SessionUpdatedEvent"/>).</summary>
    public static RealtimeServerEventType SessionUpdated { get; } = new("session.updated");

    /// <summary>Gets <c>input_audio_buffer.speech_started</c>: speech was detected in the input audio (<see cref="InputAudioBufferSpeechStartedEvent"/>).</summary>
    public static RealtimeServerEventType InputAudioBufferSpeechStarted { get; } = new("input_audio_buffer.speech_started");

    /// <summary>Gets <c>input_audio_buffer.speech_stopped</c>: the speech ended (<see cref="InputAudioBufferSpeechStoppedEvent"/>).</summary>
    public static RealtimeServerEventType InputAudioBufferSpeechStopped { get; } = new("input_audio_buffer.speech_stopped");

    /// <summary>Gets <c>input_audio_buffer.committed</c>: the input audio became a user item (<see cref="InputAudioBufferCommittedEvent"/>).</summary>
    public static RealtimeServerEventType InputAudioBufferCommitted { get; } = new("input_audio_buffer.committed");

    /// <summary>Gets <c>input_audio_buffer.cleared</c>: the input audio was discarded (<see cref="InputAudioBufferClearedEvent"/>).</summary>
    public static RealtimeServerEventType InputAudioBufferCleared { get; } = new("input_audio_buffer.cleared");

    /// <summary>Gets <c>conversation.item.created</c>: an item was added to the conversation (<see cref="ConversationItemCreatedEvent"/>).</summary>
    public static RealtimeServerEventType ConversationItemCreated { get; } = new("conversation.item.created");

    /// <summary>Gets <c>response.created</c>: a response started (<see cref="ResponseCreatedEvent"/>).</summary>
    public static RealtimeServerEventType ResponseCreated { get; } = new("response.created");

    /// <summary>Gets <c>response.audio.delta</c>: a piece of output audio (<see cref="ResponseAudioDeltaEvent"/>).</summary>
    public static RealtimeServerEventType ResponseAudioDelta { get; } = new("response.audio.delta");

    /// <summary>Gets <c>response.audio.done</c>: the output audio of a content part is complete (<see cref="ResponseAudioDoneEvent"/>).</summary>
    public static RealtimeServerEventType ResponseAudioDone { get; } = new("response.audio.done");

    /// <summary>Gets <c>response.audio_transcript.delta</c>: a piece of the output audio's transcript (<see cref="ResponseAudioTranscriptDeltaEvent"/>).</summary>
    public static RealtimeServerEventType ResponseAudioTranscriptDelta { get; } = new("response.audio_transcript.delta");

    /// <summary>Gets <c>response.audio_transcript.done</c>: the transcript is complete (<see cref="ResponseAudioTranscriptDoneEvent"/>).</summary>
    public static RealtimeServerEventType ResponseAudioTranscriptDone { get; } = new("response.audio_transcript.done");

    /// <summary>Gets <c>response.text.delta</c>: a piece of output text (<see cref="ResponseTextDeltaEvent"/>).</summary>
    public static RealtimeServerEventType ResponseTextDelta { get; } = new("response.text.delta");

    /// <summary>Gets <c>response.text.done</c>: the output text is complete (<see cref="ResponseTextDoneEvent"/>).</summary>
    public static RealtimeServerEventType ResponseTextDone { get; } = new("response.text.done");

    /// <summary>Gets <c>response.done</c>: a response ended, with its status and usage (<see cref="ResponseDoneEvent"/>).</summary>
    public static RealtimeServerEventType ResponseDone { get; } = new("response.done");

    /// <summary>Gets <c>rate_limits.updated</c>: the rate limits after a response (<see cref="RateLimitsUpdatedEvent"/>).</summary>
    public static RealtimeServerEventType RateLimitsUpdated { get; } = new("rate_limits.updated");

    /// <summary>Gets the type as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(RealtimeServerEventType left, RealtimeServerEventType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RealtimeServerEventType left, RealtimeServerEventType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(RealtimeServerEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RealtimeServerEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="RealtimeServerEventType"/>.</summary>
internal sealed class RealtimeServerEventTypeConverter : StringValueConverter<RealtimeServerEventType>
{
    protected override RealtimeServerEventType Create(string value) => new(value);
}
