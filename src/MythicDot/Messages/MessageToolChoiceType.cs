using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>How the model may use the tools it is offered. An open set: a mode the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageToolChoiceTypeConverter))]
public readonly struct MessageToolChoiceType : IEquatable<MessageToolChoiceType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageToolChoiceType"/> struct.</summary>
    /// <param name="value">The mode as the API spells it.</param>
    public MessageToolChoiceType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>auto</c>: the model decides (the API's default when tools are given).</summary>
    public static MessageToolChoiceType Auto { get; } = new("auto");

    /// <summary>Gets <c>any</c>: the model must call one of the tools, whichever it picks.</summary>
    public static MessageToolChoiceType Any { get; } = new("any");

    /// <summary>Gets <c>tool</c>: the model must call the tool <see cref="MessageToolChoice.Name"/> names.</summary>
    public static MessageToolChoiceType Tool { get; } = new("tool");

    /// <summary>Gets <c>none</c>: the model must not call a tool.</summary>
    public static MessageToolChoiceType None { get; } = new("none");

    /// <summary>Gets the mode as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageToolChoiceType left, MessageToolChoiceType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageToolChoiceType left, MessageToolChoiceType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageToolChoiceType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageToolChoiceType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageToolChoiceType"/>.</summary>
internal sealed class MessageToolChoiceTypeConverter : StringValueConverter<MessageToolChoiceType>
{
    protected override MessageToolChoiceType Create(string value) => new(value);
}
