using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>The state of a response. An open set: a state the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(RealtimeResponseStatusConverter))]
public readonly struct RealtimeResponseStatus : IEquatable<RealtimeResponseStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="RealtimeResponseStatus"/> struct.</summary>
    /// <param name="value">The state as the API spells it.</param>
    public RealtimeResponseStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>in_progress</c>: the response is being produced.</summary>
    public static RealtimeResponseStatus InProgress { get; } = new("in_progress");

    /// <summary>Gets <c>completed</c>: the response finished.</summary>
    public static RealtimeResponseStatus Completed { get; } = new("completed");

    /// <summary>Gets <c>cancelled</c>: <c>response.cancel</c> stopped it.</summary>
    public static RealtimeResponseStatus Cancelled { get; } = new("cancelled");

    /// <summary>Gets <c>incomplete</c>: it stopped early, for example at the token limit.</summary>
    public static RealtimeResponseStatus Incomplete { get; } = new("incomplete");

    /// <summary>Gets <c>failed</c>: it failed; the status details say why.</summary>
    public static RealtimeResponseStatus Failed { get; } = new("failed");

    /// <summary>Gets the state as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(RealtimeResponseStatus left, RealtimeResponseStatus right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RealtimeResponseStatus left, RealtimeResponseStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(RealtimeResponseStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RealtimeResponseStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="RealtimeResponseStatus"/>.</summary>
internal sealed class RealtimeResponseStatusConverter : StringValueConverter<RealtimeResponseStatus>
{
    protected override RealtimeResponseStatus Create(string value) => new(value);
}
