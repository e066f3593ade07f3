using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>How closely a vision model looks at an image (<c>image_url.detail</c>). An open set: a detail level the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ChatImageDetailConverter))]
public readonly struct ChatImageDetail : IEquatable<ChatImageDetail>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ChatImageDetail"/> struct.</summary>
    /// <param name="value">The detail level as the API spells it.</param>
    public ChatImageDetail(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>auto</c>: the model decides (the API's default).</summary>
    public static ChatImageDetail Auto { get; } = new("auto");

    /// <summary>Gets <c>low</c>: a low-resolution look, fewer tokens.</summary>
    public static ChatImageDetail Low { get; } = new("low");

    /// <summary>Gets <c>high</c>: a high-resolution look, more tokens.</summary>
    public static ChatImageDetail High { get; } = new("high");

    /// <summary>Gets the detail level as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(ChatImageDetail left, ChatImageDetail right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ChatImageDetail left, ChatImageDetail right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatImageDetail other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChatImageDetail other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ChatImageDetail"/>.</summary>
internal sealed class ChatImageDetailConverter : StringValueConverter<ChatImageDetail>
{
    protected override ChatImageDetail Create(string value) => new(value);
}
