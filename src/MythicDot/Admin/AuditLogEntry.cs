using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>One entry of the organization's audit log.</summary>
public sealed class AuditLogEntry : ApiObject
{
    /// <summary>Gets the entry's id (the list's cursor).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the object type, <c>organization.audit_log</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets when the action happened.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets what kind of action it was.</summary>
    public AuditEventType EventType { get; init; }

    /// <summary>Gets who did it.</summary>
    public AuditActor? Actor { get; init; }

    /// <summary>Gets the event's details, whose shape depends on <see cref="EventType"/>.</summary>
    public JsonElement? Details { get; init; }
}

/// <summary>Who performed an audited action.</summary>
public sealed class AuditActor : ApiObject
{
    /// <summary>Gets the kind of actor, for example <c>user</c> or <c>api_key</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the actor's id (a user's or a key's).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the actor's email address, when it is a user or a user's key.</summary>
    public string? Email { get; init; }
}
