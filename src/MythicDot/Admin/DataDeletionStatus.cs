using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>The state of a data deletion job. An open set: a value the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(DataDeletionStatusConverter))]
public readonly struct DataDeletionStatus : IEquatable<DataDeletionStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="DataDeletionStatus"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public DataDeletionStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>pending</c>: accepted, not started.</summary>
    public static DataDeletionStatus Pending { get; } = new("pending");

    /// <summary>Gets <c>in_progress</c>: erasing.</summary>
    public static DataDeletionStatus InProgress { get; } = new("in_progress");

    /// <summary>Gets <c>completed</c>: done.</summary>
    public static DataDeletionStatus Completed { get; } = new("completed");

    /// <summary>Gets <c>failed</c>: stopped without finishing.</summary>
    public static DataDeletionStatus Failed { get; } = new("failed");

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(DataDeletionStatus left, DataDeletionStatus right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(DataDeletionStatus left, DataDeletionStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(DataDeletionStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataDeletionStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="DataDeletionStatus"/>.</summary>
internal sealed class DataDeletionStatusConverter : StringValueConverter<DataDeletionStatus>
{
    protected override DataDeletionStatus Create(string value) => new(value);
}
