using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Who wrote a message of a conversation. An open set: a role the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageRoleConverter))]
public readonly struct MessageRole : IEquatable<MessageRole>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageRole"/> struct.</summary>
    /// <param name="value">The role as the API spells it.</param>
    public MessageRole(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>user</c>: the person (or the application) talking to the model; tool results come in user messages too.</summary>
    public static MessageRole User { get; } = new("user");

    /// <summary>Gets <c>assistant</c>: the model: an earlier reply, or the start of one to continue.</summary>
    public static MessageRole Assistant { get; } = new("assistant");

    /// <summary>Gets the role as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageRole left, MessageRole right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageRole left, MessageRole right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageRole other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageRole other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageRole"/>.</summary>
internal sealed class MessageRoleConverter : StringValueConverter<MessageRole>
{
    protected override MessageRole Create(string value) => new(value);
}
