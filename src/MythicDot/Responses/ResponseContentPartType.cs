using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>The kind of one part of a response item's content. An open set: a part type the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ResponseContentPartTypeConverter))]
public readonly struct ResponseContentPartType : IEquatable<ResponseContentPartType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ResponseContentPartType"/> struct.</summary>
    /// <param name="value">The part type as the API spells it.</param>
    public ResponseContentPartType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>input_text</c>: text the caller sends.</summary>
    public static ResponseContentPartType InputText { get; } = new("input_text");

    /// <summary>Gets <c>input_image</c>: an image the caller sends, by URL or as a <c>data:</c> URL.</summary>
    public static ResponseContentPartType InputImage { get; } = new("input_image");

    /// <summary>Gets <c>output_text</c>: text the model wrote.</summary>
    public static ResponseContentPartType OutputText { get; } = new("output_text");

    /// <summary>Gets <c>refusal</c>: the model's explanation of why it declined to answer.</summary>
    public static ResponseContentPartType Refusal { get; } = new("refusal");

    /// <summary>Gets the part type as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(ResponseContentPartType left, ResponseContentPartType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ResponseContentPartType left, ResponseContentPartType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ResponseContentPartType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResponseContentPartType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ResponseContentPartType"/>.</summary>
internal sealed class ResponseContentPartTypeConverter : StringValueConverter<ResponseContentPartType>
{
    protected override ResponseContentPartType Create(string value) => new(value);
}
