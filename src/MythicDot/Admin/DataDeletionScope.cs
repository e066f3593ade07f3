using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>What a data deletion erases. An open set: a value the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(DataDeletionScopeConverter))]
public readonly struct DataDeletionScope : IEquatable<DataDeletionScope>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="DataDeletionScope"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public DataDeletionScope(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>all</c>: every kind of stored data.</summary>
    public static DataDeletionScope All { get; } = new("all");

    /// <summary>Gets <c>api_logs</c>: the logs of API calls.</summary>
    public static DataDeletionScope ApiLogs { get; } = new("api_logs");

    /// <summary>Gets <c>messages</c>: stored messages and conversations.</summary>
    public static DataDeletionScope Messages { get; } = new("messages");

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(DataDeletionScope left, DataDeletionScope right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(DataDeletionScope left, DataDeletionScope right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(DataDeletionScope other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataDeletionScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="DataDeletionScope"/>.</summary>
internal sealed class DataDeletionScopeConverter : StringValueConverter<DataDeletionScope>
{
    protected override DataDeletionScope Create(string value) => new(value);
}
