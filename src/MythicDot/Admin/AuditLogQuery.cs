namespace MythicDot.Admin;

/// <summary>The filters of <c>GET /organization/audit-logs</c> and its export.</summary>
public sealed class AuditLogQuery
{
    /// <summary>Gets or sets the earliest entry's time (inclusive), sent as Unix seconds; <see langword="null"/> for no bound.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Gets or sets the latest entry's time (inclusive), sent as Unix seconds; <see langword="null"/> for no bound.</summary>
    public DateTimeOffset? EndTime { get; set; }

    /// <summary>Gets the event types to keep; empty for all.</summary>
    public IList<AuditEventType> EventTypes { get; } = [];
}
