using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Where an image of a message comes from. An open set: a kind the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(MessageImageSourceTypeConverter))]
public readonly struct MessageImageSourceType : IEquatable<MessageImageSourceType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="MessageImageSourceType"/> struct.</summary>
    /// <param name="value">The kind as the API spells it.</param>
    public MessageImageSourceType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>base64</c>: the image itself, base64 in <see cref="MessageImageSource.Data"/>, with its <see cref="MessageImageSource.MediaType"/>.</summary>
    public static MessageImageSourceType Base64 { get; } = new("base64");

    /// <summary>Gets <c>url</c>: an image the API fetches from <see cref="MessageImageSource.Url"/>.</summary>
    public static MessageImageSourceType Url { get; } = new("url");

    /// <summary>Gets the kind as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(MessageImageSourceType left, MessageImageSourceType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(MessageImageSourceType left, MessageImageSourceType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MessageImageSourceType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageImageSourceType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="MessageImageSourceType"/>.</summary>
internal sealed class MessageImageSourceTypeConverter : StringValueConverter<MessageImageSourceType>
{
    protected override MessageImageSourceType Create(string value) => new(value);
}
