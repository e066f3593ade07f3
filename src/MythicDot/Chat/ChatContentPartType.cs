using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>The kind of one part of a message's content. An open set: a kind the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ChatContentPartTypeConverter))]
public readonly struct ChatContentPartType : IEquatable<ChatContentPartType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ChatContentPartType"/> struct.</summary>
    /// <param name="value">The kind as the API spells it.</param>
    public ChatContentPartType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>text</c>: text, in <see cref="ChatContentPart.Text"/>.</summary>
    public static ChatContentPartType Text { get; } = new("text");

    /// <summary>Gets <c>image_url</c>: an image, by URL or as a <c>data:</c> URL, in <see cref="ChatContentPart.ImageUrl"/>.</summary>
    public static ChatContentPartType ImageUrl { get; } = new("image_url");

    /// <summary>Gets the kind as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(ChatContentPartType left, ChatContentPartType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ChatContentPartType left, ChatContentPartType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatContentPartType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChatContentPartType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ChatContentPartType"/>.</summary>
internal sealed class ChatContentPartTypeConverter : StringValueConverter<ChatContentPartType>
{
    protected override ChatContentPartType Create(string value) => new(value);
}
