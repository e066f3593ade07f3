using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>The kind of an event of a streamed message. An open set: a kind the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageStreamEventTypeConverter))]
public readonly struct MessageStreamEventType : IEquatable<MessageStreamEventType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageStreamEventType"/> struct.</summary>
    /// <param name="value">The kind as the API spells it.</param>
    public MessageStreamEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>message_start</c>: the message begins, without content (<see cref="MessageStartEvent"/>).</summary>
    public static MessageStreamEventType MessageStart { get; } = new("message_start");

    /// <summary>Gets <c>content_block_start</c>: a content block begins (<see cref="ContentBlockStartEvent"/>).</summary>
    public static MessageStreamEventType ContentBlockStart { get; } = new("content_block_start");

    /// <summary>Gets <c>content_block_delta</c>: a piece of a content block (<see cref="ContentBlockDeltaEvent"/>).</summary>
    public static MessageStreamEventType ContentBlockDelta { get; } = new("content_block_delta");

    /// <summary>Gets <c>content_block_stop</c>: a content block is complete (<see cref="ContentBlockStopEvent"/>).</summary>
    public static MessageStreamEventType ContentBlockStop { get; } = new("content_block_stop");

    /// <summary>Gets <c>message_delta</c>: the stop reason and the output token count (<see cref="MessageDeltaEvent"/>).</summary>
    public static MessageStreamEventType MessageDelta { get; } = new("message_delta");

    /// <summary>Gets <c>message_stop</c>: the message is complete; the last event (<see cref="MessageStopEvent"/>).</summary>
    public static MessageStreamEventType MessageStop { get; } = new("message_stop");

    /// <summary>Gets <c>ping</c>: a keep-alive with no content (<see cref="MessagePingEvent"/>).</summary>
    public static MessageStreamEventType Ping { get; } = new("ping");

    /// <summary>Gets the kind as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageStreamEventType left, MessageStreamEventType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageStreamEventType left, MessageStreamEventType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageStreamEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageStreamEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageStreamEventType"/>.</summary>
internal sealed class MessageStreamEventTypeConverter : StringValueConverter<MessageStreamEventType>
{
    protected override MessageStreamEventType Create(string value) => new(value);
}
