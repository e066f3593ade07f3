using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>Why the model stopped. An open set: a reason the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ChatFinishReasonConverter))]
public readonly struct ChatFinishReason : IEquatable<ChatFinishReason>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ChatFinishReason"/> struct.</summary>
    /// <param name="value">The reason as the API spells it.</param>
    public ChatFinishReason(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>stop</c>: the model finished, or hit a stop sequence.</summary>
    public static ChatFinishReason Stop { get; } = new("stop");

    /// <summary>Gets <c>length</c>: the answer reached <c>max_tokens</c> or the context window.</summary>
    public static ChatFinishReason Length { get; } = new("length");

    /// <summary>Gets <c>tool_calls</c>: the model called one or more tools.</summary>
    public static ChatFinishReason ToolCalls { get; } = new("tool_calls");

    /// <summary>Gets <c>content_filter</c>: the content policy cut the answer.</summary>
    public static ChatFinishReason ContentFilter { get; } = new("content_filter");

    /// <summary>Gets the reason as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two reasons.</summary>
    /// <param name="left">The first reason.</param>
    /// <param name="right">The second reason.</param>
    /// <returns>Whether they are the same reason.</returns>
    public static bool operator ==(ChatFinishReason left, ChatFinishReason right) => left.Equals(right);

    /// <summary>Compares two reasons.</summary>
    /// <param name="left">The first reason.</param>
    /// <param name="right">The second reason.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ChatFinishReason left, ChatFinishReason right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatFinishReason other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChatFinishReason other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ChatFinishReason"/>.</summary>
internal sealed class ChatFinishReasonConverter : StringValueConverter<ChatFinishReason>
{
    protected override ChatFinishReason Create(string value) => new(value);
}
