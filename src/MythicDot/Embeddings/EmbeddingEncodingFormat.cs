using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Embeddings;

/// <summary>How the vectors travel (<c>encoding_format</c>). An open set: a format the SDK does not know is kept, not rejected.</summary>
/// <remarks>Either way <see cref="Embedding.Vector"/> holds float32 values: the SDK decodes base64 straight into them. The SDK sends
/// <see cref="Base64"/> unless told otherwise, as the official OpenAI clients do: a quarter fewer bytes than decimal numbers and
/// no number parsing.</remarks>
[JsonConverter(typeof(EmbeddingEncodingFormatConverter))]
public readonly struct EmbeddingEncodingFormat : IEquatable<EmbeddingEncodingFormat>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="EmbeddingEncodingFormat"/> struct.</summary>
    /// <param name="value">The format as the API spells it.</param>
    public EmbeddingEncodingFormat(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>float</c>: each vector as a JSON array of numbers, floats (the API's default when none is sent).</summary>
    public static EmbeddingEncodingFormat Floats { get; } = new("float");

    /// <summary>Gets <c>base64</c>: each vector as a base64 string of little-endian float32 values (what the SDK sends by default).</summary>
    public static EmbeddingEncodingFormat Base64 { get; } = new("base64");

    /// <summary>Gets the format as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two formats.</summary>
    /// <param name="left">The first format.</param>
    /// <param name="right">The second format.</param>
    /// <returns>Whether they are the same format.</returns>
    public static bool operator ==(EmbeddingEncodingFormat left, EmbeddingEncodingFormat right) => left.Equals(right);

    /// <summary>Compares two formats.</summary>
    /// <param name="left">The first format.</param>
    /// <param name="right">The second format.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(EmbeddingEncodingFormat left, EmbeddingEncodingFormat right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EmbeddingEncodingFormat other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EmbeddingEncodingFormat other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="EmbeddingEncodingFormat"/>.</summary>
internal sealed class EmbeddingEncodingFormatConverter : StringValueConverter<EmbeddingEncodingFormat>
{
    protected override EmbeddingEncodingFormat Create(string value) => new(value);
}
