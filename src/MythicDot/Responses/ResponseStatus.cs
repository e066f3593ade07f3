using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>Where a response (or one of its output items) stands. An open set: a status the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ResponseStatusConverter))]
public readonly struct ResponseStatus : IEquatable<ResponseStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ResponseStatus"/> struct.</summary>
    /// <param name="value">The status as the API spells it.</param>
    public ResponseStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>completed</c>: finished; the output is whole.</summary>
    public static ResponseStatus Completed { get; } = new("completed");

    /// <summary>Gets <c>in_progress</c>: still being generated.</summary>
    public static ResponseStatus InProgress { get; } = new("in_progress");

    /// <summary>Gets <c>incomplete</c>: stopped early; <see cref="ModelResponse.IncompleteDetails"/> says why.</summary>
    public static ResponseStatus Incomplete { get; } = new("incomplete");

    /// <summary>Gets <c>failed</c>: failed; <see cref="ModelResponse.Error"/> says why.</summary>
    public static ResponseStatus Failed { get; } = new("failed");

    /// <summary>Gets <c>cancelled</c>: cancelled before it finished.</summary>
    public static ResponseStatus Cancelled { get; } = new("cancelled");

    /// <summary>Gets <c>queued</c>: waiting to start.</summary>
    public static ResponseStatus Queued { get; } = new("queued");

    /// <summary>Gets the status as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(ResponseStatus left, ResponseStatus right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ResponseStatus left, ResponseStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ResponseStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResponseStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ResponseStatus"/>.</summary>
internal sealed class ResponseStatusConverter : StringValueConverter<ResponseStatus>
{
    protected override ResponseStatus Create(string value) => new(value);
}
