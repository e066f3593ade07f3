using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>The kind of an item of a response's input or output. An open set: a item type the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ResponseItemTypeConverter))]
public readonly struct ResponseItemType : IEquatable<ResponseItemType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ResponseItemType"/> struct.</summary>
    /// <param name="value">The item type as the API spells it.</param>
    public ResponseItemType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>message</c>: a message: a role and its content.</summary>
    public static ResponseItemType Message { get; } = new("message");

    /// <summary>Gets <c>function_call</c>: the model calls one of the request's function tools.</summary>
    public static ResponseItemType FunctionCall { get; } = new("function_call");

    /// <summary>Gets <c>function_call_output</c>: the application's result of a function call, sent back as input.</summary>
    public static ResponseItemType FunctionCallOutput { get; } = new("function_call_output");

    /// <summary>Gets <c>reasoning</c>: the model's reasoning (a summary), from a reasoning model.</summary>
    public static ResponseItemType Reasoning { get; } = new("reasoning");

    /// <summary>Gets the item type as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(ResponseItemType left, ResponseItemType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ResponseItemType left, ResponseItemType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ResponseItemType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResponseItemType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ResponseItemType"/>.</summary>
internal sealed class ResponseItemTypeConverter : StringValueConverter<ResponseItemType>
{
    protected override ResponseItemType Create(string value) => new(value);
}
