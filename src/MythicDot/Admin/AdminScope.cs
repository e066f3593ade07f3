using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>A permission an admin API key holds (<see cref="AdminApiKey.Scopes"/>). An open set: a value the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(AdminScopeConverter))]
public readonly struct AdminScope : IEquatable<AdminScope>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="AdminScope"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public AdminScope(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>organization.read</c>: reads the organization.</summary>
    public static AdminScope OrganizationRead { get; } = new("organization.read");

    /// <summary>Gets <c>organization.write</c>: changes the organization.</summary>
    public static AdminScope OrganizationWrite { get; } = new("organization.write");

    /// <summary>Gets <c>members.read</c>: lists members and invites.</summary>
    public static AdminScope MembersRead { get; } = new("members.read");

    /// <summary>Gets <c>members.write</c>: invites members and changes their roles.</summary>
    public static AdminScope MembersWrite { get; } = new("members.write");

    /// <summary>Gets <c>api_keys.read</c>: lists admin API keys.</summary>
    public static AdminScope ApiKeysRead { get; } = new("api_keys.read");

    /// <summary>Gets <c>api_keys.write</c>: creates and deletes admin API keys.</summary>
    public static AdminScope ApiKeysWrite { get; } = new("api_keys.write");

    /// <summary>Gets <c>usage.read</c>: reads usage.</summary>
    public static AdminScope UsageRead { get; } = new("usage.read");

    /// <summary>Gets <c>audit_logs.read</c>: reads and exports audit logs.</summary>
    public static AdminScope AuditLogsRead { get; } = new("audit_logs.read");

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(AdminScope left, AdminScope right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(AdminScope left, AdminScope right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AdminScope other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AdminScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="AdminScope"/>.</summary>
internal sealed class AdminScopeConverter : StringValueConverter<AdminScope>
{
    protected override AdminScope Create(string value) => new(value);
}
