using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>The kind of a content block of a message. An open set: a kind the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageContentBlockTypeConverter))]
public readonly struct MessageContentBlockType : IEquatable<MessageContentBlockType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageContentBlockType"/> struct.</summary>
    /// <param name="value">The kind as the API spells it.</param>
    public MessageContentBlockType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>text</c>: text, in <see cref="MessageContentBlock.Text"/>.</summary>
    public static MessageContentBlockType Text { get; } = new("text");

    /// <summary>Gets <c>image</c>: an image, in <see cref="MessageContentBlock.Source"/>.</summary>
    public static MessageContentBlockType Image { get; } = new("image");

    /// <summary>Gets <c>tool_use</c>: the model calls a tool: <see cref="MessageContentBlock.Id"/>, <see cref="MessageContentBlock.Name"/> and <see cref="MessageContentBlock.Input"/>.</summary>
    public static MessageContentBlockType ToolUse { get; } = new("tool_use");

    /// <summary>Gets <c>tool_result</c>: the result of a tool call, sent back in a user message: <see cref="MessageContentBlock.ToolUseId"/>, <see cref="MessageContentBlock.Content"/> and <see cref="MessageContentBlock.IsError"/>.</summary>
    public static MessageContentBlockType ToolResult { get; } = new("tool_result");

    /// <summary>Gets <c>thinking</c>: the model's extended thinking, in <see cref="MessageContentBlock.Thinking"/>, with its <see cref="MessageContentBlock.Signature"/>.</summary>
    public static MessageContentBlockType Thinking { get; } = new("thinking");

    /// <summary>Gets <c>redacted_thinking</c>: thinking the API returns encrypted, in <see cref="MessageContentBlock.Data"/>; send it back unchanged.</summary>
    public static MessageContentBlockType RedactedThinking { get; } = new("redacted_thinking");

    /// <summary>Gets the kind as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageContentBlockType left, MessageContentBlockType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageContentBlockType left, MessageContentBlockType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageContentBlockType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageContentBlockType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageContentBlockType"/>.</summary>
internal sealed class MessageContentBlockTypeConverter : StringValueConverter<MessageContentBlockType>
{
    protected override MessageContentBlockType Create(string value) => new(value);
}
