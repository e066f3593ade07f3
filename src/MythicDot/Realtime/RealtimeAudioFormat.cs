using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>The encoding of input or output audio. An open set: a format the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(RealtimeAudioFormatConverter))]
public readonly struct RealtimeAudioFormat : IEquatable<RealtimeAudioFormat>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="RealtimeAudioFormat"/> struct.</summary>
    /// <param name="value">The format as the API spells it.</param>
    public RealtimeAudioFormat(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>pcm16</c>: 16-bit signed little-endian PCM, 24 kHz, mono.</summary>
    public static RealtimeAudioFormat Pcm16 { get; } = new("pcm16");

    /// <summary>Gets <c>g711_ulaw</c>: G.711 &#x3bc;-law, 8 kHz.</summary>
    public static RealtimeAudioFormat G711Ulaw { get; } = new("g711_ulaw");

    /// <summary>Gets <c>g711_alaw</c>: G.711 A-law, 8 kHz.</summary>
    public static RealtimeAudioFormat G711Alaw { get; } = new("g711_alaw");

    /// <summary>Gets the format as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(RealtimeAudioFormat left, RealtimeAudioFormat right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RealtimeAudioFormat left, RealtimeAudioFormat right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(RealtimeAudioFormat other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RealtimeAudioFormat other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="RealtimeAudioFormat"/>.</summary>
internal sealed class RealtimeAudioFormatConverter : StringValueConverter<RealtimeAudioFormat>
{
    protected override RealtimeAudioFormat Create(string value) => new(value);
}
