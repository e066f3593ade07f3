using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>The organization's audit log (<c>/organization/audit-logs</c>). Thread-safe.</summary>
public class AdminAuditLogsClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="AdminAuditLogsClient"/> class for mocking.</summary>
    protected AdminAuditLogsClient()
    {
    }

    internal AdminAuditLogsClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Lists the audit log's entries, newest first (scope <c>audit_logs.read</c>).</summary>
    /// <param name="query">The time and event-type filters; <see langword="null"/> for all entries.</param>
    /// <param name="cancellationToken">Cancels every page's call.</param>
    /// <returns>The entries.</returns>
    /// <remarks>Calls <see cref="ListAsync(AuditLogQuery?, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.
    /// The page size (<c>limit</c>) is <see cref="AsyncPageable{T}.AsPagesAsync"/>'s <c>pageSize</c>.</remarks>
    public AsyncPageable<AuditLogEntry> ListAsync(AuditLogQuery? query, CancellationToken cancellationToken) => ListAsync(query, null, cancellationToken);

    /// <summary>Lists the audit log's entries, with per-call options.</summary>
    /// <param name="query">The time and event-type filters; <see langword="null"/> for all entries.</param>
    /// <param name="options">Per-call headers, retries and timeout, for every page.</param>
    /// <param name="cancellationToken">Cancels every page's call.</param>
    /// <returns>The entries; each page is a call that may throw an <see cref="ApiError"/>.</returns>
    public virtual AsyncPageable<AuditLogEntry> ListAsync(AuditLogQuery? query = null, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        AdminPaging.List(_transport, new AdminPaging.ListCall<AuditLogEntry>("list_audit_logs", "organization/audit-logs", AdminPaging.AuditQuery(query), static e => e.Id, static () => AdminJsonContext.Default.PageAuditLogEntry), options, cancellationToken);

    /// <summary>Exports the audit log's entries as CSV (scope <c>audit_logs.read</c>).</summary>
    /// <param name="query">The filters; <see langword="null"/> for all entries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The CSV body as it arrives; copy it to a file and dispose it.</returns>
    /// <remarks>Calls <see cref="ExportAsync(AuditLogQuery?, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<StreamedContent> ExportAsync(AuditLogQuery? query, CancellationToken cancellationToken) => ExportAsync(query, null, cancellationToken);

    /// <summary>Exports the audit log's entries as CSV, with per-call options (<c>GET /organization/audit-logs/export?format=csv</c>).</summary>
    /// <param name="query">The filters; <see langword="null"/> for all entries.</param>
    /// <param name="options">Per-call headers, retries and timeout (retried until the response headers arrive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The CSV body as it arrives (a header line, then one line per entry); copy it to a file and dispose it.</returns>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<StreamedContent> ExportAsync(AuditLogQuery? query = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var filters = AdminPaging.AuditQuery(query);
        var path = "organization/audit-logs/export?format=csv" + (filters.Length == 0 ? string.Empty : "&" + filters);
        return _transport.DownloadAsync(new ApiRequest(new ApiOperation("export_audit_logs"), HttpMethod.Get, path), options, cancellationToken);
    }
}
