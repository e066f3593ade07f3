using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Whether extended thinking is on. An open set: a setting the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageThinkingTypeConverter))]
public readonly struct MessageThinkingType : IEquatable<MessageThinkingType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageThinkingType"/> struct.</summary>
    /// <param name="value">The setting as the API spells it.</param>
    public MessageThinkingType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>enabled</c>: the model thinks first, within <see cref="MessageThinkingConfig.BudgetTokens"/>.</summary>
    public static MessageThinkingType Enabled { get; } = new("enabled");

    /// <summary>Gets <c>disabled</c>: no extended thinking.</summary>
    public static MessageThinkingType Disabled { get; } = new("disabled");

    /// <summary>Gets the setting as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageThinkingType left, MessageThinkingType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageThinkingType left, MessageThinkingType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageThinkingType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageThinkingType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageThinkingType"/>.</summary>
internal sealed class MessageThinkingTypeConverter : StringValueConverter<MessageThinkingType>
{
    protected override MessageThinkingType Create(string value) => new(value);
}
