using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Files;

/// <summary>What a file is for (<c>purpose</c>). An open set: a purpose the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(FilePurposeConverter))]
public readonly struct FilePurpose : IEquatable<FilePurpose>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="FilePurpose"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public FilePurpose(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>batch</c>: the input of a batch (JSONL).</summary>
    public static FilePurpose Batch { get; } = new("batch");

    /// <summary>Gets <c>batch_output</c>: the output or error file of a batch, written by the API.</summary>
    public static FilePurpose BatchOutput { get; } = new("batch_output");

    /// <summary>Gets <c>assistants</c>: a file for assistants.</summary>
    public static FilePurpose Assistants { get; } = new("assistants");

    /// <summary>Gets <c>fine-tune</c>: training data for fine-tuning.</summary>
    public static FilePurpose FineTune { get; } = new("fine-tune");

    /// <summary>Gets <c>vision</c>: an image for vision input.</summary>
    public static FilePurpose Vision { get; } = new("vision");

    /// <summary>Gets <c>user_data</c>: any file a user keeps.</summary>
    public static FilePurpose UserData { get; } = new("user_data");

    /// <summary>Gets <c>evals</c>: evaluation data.</summary>
    public static FilePurpose Evals { get; } = new("evals");

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(FilePurpose left, FilePurpose right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(FilePurpose left, FilePurpose right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(FilePurpose other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FilePurpose other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="FilePurpose"/>.</summary>
internal sealed class FilePurposeConverter : StringValueConverter<FilePurpose>
{
    protected override FilePurpose Create(string value) => new(value);
}
