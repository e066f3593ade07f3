using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Why the model stopped. An open set: a reason the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageStopReasonConverter))]
public readonly struct MessageStopReason : IEquatable<MessageStopReason>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageStopReason"/> struct.</summary>
    /// <param name="value">The reason as the API spells it.</param>
    public MessageStopReason(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>end_turn</c>: the model finished its turn.</summary>
    public static MessageStopReason EndTurn { get; } = new("end_turn");

    /// <summary>Gets <c>max_tokens</c>: the answer reached <see cref="MessageRequest.MaxTokens"/>.</summary>
    public static MessageStopReason MaxTokens { get; } = new("max_tokens");

    /// <summary>Gets <c>stop_sequence</c>: the model wrote one of <see cref="MessageRequest.StopSequences"/> (which one: <see cref="Message.StopSequence"/>).</summary>
    public static MessageStopReason StopSequence { get; } = new("stop_sequence");

    /// <summary>Gets <c>tool_use</c>: the model called one or more tools (<see cref="Message.ToolUses"/>).</summary>
    public static MessageStopReason ToolUse { get; } = new("tool_use");

    /// <summary>Gets <c>pause_turn</c>: the API paused a long turn; send the reply back as it is to let the model continue.</summary>
    public static MessageStopReason PauseTurn { get; } = new("pause_turn");

    /// <summary>Gets <c>refusal</c>: the model declined to answer.</summary>
    public static MessageStopReason Refusal { get; } = new("refusal");

    /// <summary>Gets the reason as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageStopReason left, MessageStopReason right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageStopReason left, MessageStopReason right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageStopReason other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageStopReason other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageStopReason"/>.</summary>
internal sealed class MessageStopReasonConverter : StringValueConverter<MessageStopReason>
{
    protected override MessageStopReason Create(string value) => new(value);
}
