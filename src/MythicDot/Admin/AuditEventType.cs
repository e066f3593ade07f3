using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>The kind of action an audit log entry records. An open set: a value the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(AuditEventTypeConverter))]
public readonly struct AuditEventType : IEquatable<AuditEventType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="AuditEventType"/> struct.</summary>
    /// <param name="value">The value as the API spells it.</param>
    public AuditEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>invite.created</c>: a member was invited.</summary>
    public static AuditEventType InviteCreated { get; } = new("invite.created");

    /// <summary>Gets <c>member.updated</c>: a member's role changed.</summary>
    public static AuditEventType MemberUpdated { get; } = new("member.updated");

    /// <summary>Gets <c>api_key.created</c>: an admin API key was created.</summary>
    public static AuditEventType ApiKeyCreated { get; } = new("api_key.created");

    /// <summary>Gets <c>api_key.deleted</c>: an admin API key was deleted.</summary>
    public static AuditEventType ApiKeyDeleted { get; } = new("api_key.deleted");

    /// <summary>Gets <c>data_deletion.requested</c>: a data deletion was requested.</summary>
    public static AuditEventType DataDeletionRequested { get; } = new("data_deletion.requested");

    /// <summary>Gets <c>login.succeeded</c>: a user signed in.</summary>
    public static AuditEventType LoginSucceeded { get; } = new("login.succeeded");

    /// <summary>Gets the value as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(AuditEventType left, AuditEventType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(AuditEventType left, AuditEventType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AuditEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AuditEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="AuditEventType"/>.</summary>
internal sealed class AuditEventTypeConverter : StringValueConverter<AuditEventType>
{
    protected override AuditEventType Create(string value) => new(value);
}
