using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>The kind of a piece of a streamed content block. An open set: a kind the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageContentDeltaTypeConverter))]
public readonly struct MessageContentDeltaType : IEquatable<MessageContentDeltaType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageContentDeltaType"/> struct.</summary>
    /// <param name="value">The kind as the API spells it.</param>
    public MessageContentDeltaType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>text_delta</c>: more text, in <see cref="MessageContentDelta.Text"/>.</summary>
    public static MessageContentDeltaType TextDelta { get; } = new("text_delta");

    /// <summary>Gets <c>input_json_delta</c>: a fragment of a tool call's input JSON, in <see cref="MessageContentDelta.PartialJson"/>.</summary>
    public static MessageContentDeltaType InputJsonDelta { get; } = new("input_json_delta");

    /// <summary>Gets <c>thinking_delta</c>: more thinking, in <see cref="MessageContentDelta.Thinking"/>.</summary>
    public static MessageContentDeltaType ThinkingDelta { get; } = new("thinking_delta");

    /// <summary>Gets <c>signature_delta</c>: the thinking block's signature, in <see cref="MessageContentDelta.Signature"/>.</summary>
    public static MessageContentDeltaType SignatureDelta { get; } = new("signature_delta");

    /// <summary>Gets the kind as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageContentDeltaType left, MessageContentDeltaType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageContentDeltaType left, MessageContentDeltaType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageContentDeltaType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageContentDeltaType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageContentDeltaType"/>.</summary>
internal sealed class MessageContentDeltaTypeConverter : StringValueConverter<MessageContentDeltaType>
{
    protected override MessageContentDeltaType Create(string value) => new(value);
}
