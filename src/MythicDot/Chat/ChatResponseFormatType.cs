using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>The kind of answer asked for (<c>response_format.type</c>). An open set: a type the SDK does not know is kept, not rejected.</summary>
/// <remarks>The API's default, when no format is sent, is <see cref="Text"/>.</remarks>
[JsonConverter(typeof(ChatResponseFormatTypeConverter))]
public readonly struct ChatResponseFormatType : IEquatable<ChatResponseFormatType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ChatResponseFormatType"/> struct.</summary>
    /// <param name="value">The type as the API spells it.</param>
    public ChatResponseFormatType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>text</c>: free text (the API's default).</summary>
    public static ChatResponseFormatType Text { get; } = new("text");

    /// <summary>Gets <c>json_object</c>: any valid JSON object.</summary>
    public static ChatResponseFormatType JsonObject { get; } = new("json_object");

    /// <summary>Gets <c>json_schema</c>: JSON that matches <see cref="ChatResponseFormat.JsonSchema"/>.</summary>
    public static ChatResponseFormatType JsonSchema { get; } = new("json_schema");

    /// <summary>Gets the type as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two types.</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    /// <returns>Whether they are the same type.</returns>
    public static bool operator ==(ChatResponseFormatType left, ChatResponseFormatType right) => left.Equals(right);

    /// <summary>Compares two types.</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ChatResponseFormatType left, ChatResponseFormatType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatResponseFormatType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChatResponseFormatType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ChatResponseFormatType"/>.</summary>
internal sealed class ChatResponseFormatTypeConverter : StringValueConverter<ChatResponseFormatType>
{
    protected override ChatResponseFormatType Create(string value) => new(value);
}
