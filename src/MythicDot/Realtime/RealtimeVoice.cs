using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>A voice the model speaks with. An open set: a voice the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(RealtimeVoiceConverter))]
public readonly struct RealtimeVoice : IEquatable<RealtimeVoice>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="RealtimeVoice"/> struct.</summary>
    /// <param name="value">The voice as the API spells it.</param>
    public RealtimeVoice(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>alloy</c>.</summary>
    public static RealtimeVoice Alloy { get; } = new("alloy");

    /// <summary>Gets <c>echo</c>.</summary>
    public static RealtimeVoice Echo { get; } = new("echo");

    /// <summary>Gets <c>fable</c>.</summary>
    public static RealtimeVoice Fable { get; } = new("fable");

    /// <summary>Gets <c>nova</c>.</summary>
    public static RealtimeVoice Nova { get; } = new("nova");

    /// <summary>Gets <c>onyx</c>.</summary>
    public static RealtimeVoice Onyx { get; } = new("onyx");

    /// <summary>Gets <c>shimmer</c>.</summary>
    public static RealtimeVoice Shimmer { get; } = new("shimmer");

    /// <summary>Gets the voice as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(RealtimeVoice left, RealtimeVoice right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RealtimeVoice left, RealtimeVoice right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(RealtimeVoice other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RealtimeVoice other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="RealtimeVoice"/>.</summary>
internal sealed class RealtimeVoiceConverter : StringValueConverter<RealtimeVoice>
{
    protected override RealtimeVoice Create(string value) => new(value);
}
