using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>A kind of output a session or response produces. An open set: a kind the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(RealtimeModalityConverter))]
public readonly struct RealtimeModality : IEquatable<RealtimeModality>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="RealtimeModality"/> struct.</summary>
    /// <param name="value">The modality as the API spells it.</param>
    public RealtimeModality(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>text</c>: text, in <c>response.text.*</c> events.</summary>
    public static RealtimeModality Text { get; } = new("text");

    /// <summary>Gets <c>audio</c>: audio, in <c>response.audio.*</c> events, with its transcript.</summary>
    public static RealtimeModality Audio { get; } = new("audio");

    /// <summary>Gets the modality as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(RealtimeModality left, RealtimeModality right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RealtimeModality left, RealtimeModality right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(RealtimeModality other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RealtimeModality other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="RealtimeModality"/>.</summary>
internal sealed class RealtimeModalityConverter : StringValueConverter<RealtimeModality>
{
    protected override RealtimeModality Create(string value) => new(value);
}
