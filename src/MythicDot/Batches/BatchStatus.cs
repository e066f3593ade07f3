using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Batches;

/// <summary>Where a batch is (<c>status</c>). An open set: a status the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(BatchStatusConverter))]
public readonly struct BatchStatus : IEquatable<BatchStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="BatchStatus"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public BatchStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>validating</c>: the input file is being checked.</summary>
    public static BatchStatus Validating { get; } = new("validating");

    /// <summary>Gets <c>failed</c>: the input file failed validation.</summary>
    public static BatchStatus Failed { get; } = new("failed");

    /// <summary>Gets <c>in_progress</c>: the requests are running.</summary>
    public static BatchStatus InProgress { get; } = new("in_progress");

    /// <summary>Gets <c>finalizing</c>: the requests are done and the result files are being written.</summary>
    public static BatchStatus Finalizing { get; } = new("finalizing");

    /// <summary>Gets <c>completed</c>: the result files are ready.</summary>
    public static BatchStatus Completed { get; } = new("completed");

    /// <summary>Gets <c>expired</c>: the batch did not finish within its completion window.</summary>
    public static BatchStatus Expired { get; } = new("expired");

    /// <summary>Gets <c>cancelling</c>: a cancel was asked for and is under way.</summary>
    public static BatchStatus Cancelling { get; } = new("cancelling");

    /// <summary>Gets <c>cancelled</c>: the batch was cancelled.</summary>
    public static BatchStatus Cancelled { get; } = new("cancelled");

    /// <summary>Gets whether the batch will not change any more: <see cref="Completed"/>, <see cref="Failed"/>, <see cref="Expired"/> or <see cref="Cancelled"/>.</summary>
    public bool IsTerminal => this == Completed || this == Failed || this == Expired || this == Cancelled;

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(BatchStatus left, BatchStatus right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(BatchStatus left, BatchStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(BatchStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BatchStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="BatchStatus"/>.</summary>
internal sealed class BatchStatusConverter : StringValueConverter<BatchStatus>
{
    protected override BatchStatus Create(string value) => new(value);
}
