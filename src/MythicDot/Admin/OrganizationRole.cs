using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>A member's role in the organization. An open set: a value the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(OrganizationRoleConverter))]
public readonly struct OrganizationRole : IEquatable<OrganizationRole>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="OrganizationRole"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public OrganizationRole(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>owner</c>: manages the organization, its members and keys.</summary>
    public static OrganizationRole Owner { get; } = new("owner");

    /// <summary>Gets <c>reader</c>: reads and uses the organization's resources.</summary>
    public static OrganizationRole Reader { get; } = new("reader");

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(OrganizationRole left, OrganizationRole right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(OrganizationRole left, OrganizationRole right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OrganizationRole other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OrganizationRole other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="OrganizationRole"/>.</summary>
internal sealed class OrganizationRoleConverter : StringValueConverter<OrganizationRole>
{
    protected override OrganizationRole Create(string value) => new(value);
}
