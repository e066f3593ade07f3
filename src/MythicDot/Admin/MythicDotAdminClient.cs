using System.Globalization;
using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>
/// The client for the MythicDot Admin API (<c>/organization/...</c>), authenticated with an admin key (<c>mythic-admin-...</c>).
/// Thread-safe and cheap to share.
/// </summary>
/// <remarks>
/// It sends as <see cref="MythicDotClient"/> does (the same options type, transport, typed errors, retries and telemetry), but the two
/// are kept apart so that an admin key never reaches a non-admin endpoint: this client takes only a key starting with
/// <c>mythic-admin-</c> (from <see cref="MythicDotClientOptions.ApiKey"/>, else the <c>MYTHICDOT_ADMIN_KEY</c> environment variable,
/// never <c>MYTHICDOT_API_KEY</c>), exposes only the admin endpoints and has no raw request method; <see cref="MythicDotClient"/>
/// refuses an admin key with an <see cref="ArgumentException"/>. A key without the scope an endpoint needs draws
/// <see cref="PermissionDeniedError"/>, whose message names the scope.
/// </remarks>
public class MythicDotAdminClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="MythicDotAdminClient"/> class with the admin key in <c>MYTHICDOT_ADMIN_KEY</c>
    /// and the base URL in <c>MYTHICDOT_BASE_URL</c> (or the default).</summary>
    /// <exception cref="ArgumentException">No admin key is set (the message names <c>MYTHICDOT_ADMIN_KEY</c>), or the key is not an admin key.</exception>
    public MythicDotAdminClient()
        : this(new MythicDotClientOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotAdminClient"/> class with an admin key.</summary>
    /// <param name="adminKey">The admin key, starting with <c>mythic-admin-</c>.</param>
    /// <exception cref="ArgumentException">The key is empty or not an admin key.</exception>
    public MythicDotAdminClient(string adminKey)
        : this(new MythicDotClientOptions { ApiKey = adminKey ?? throw new ArgumentNullException(nameof(adminKey)) })
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotAdminClient"/> class with options.</summary>
    /// <param name="options">The options (their <see cref="MythicDotClientOptions.ApiKey"/> an admin key); copied.</param>
    /// <exception cref="ArgumentException">The options are invalid or the key is not an admin key; the message names every problem.</exception>
    public MythicDotAdminClient(MythicDotClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotAdminClient"/> class that sends through a caller-owned <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The client to send with (give it <c>Timeout = Timeout.InfiniteTimeSpan</c>); never disposed by the SDK.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults and the environment (<c>MYTHICDOT_ADMIN_KEY</c>).</param>
    /// <exception cref="ArgumentException">The options are invalid or the key is not an admin key.</exception>
    public MythicDotAdminClient(HttpClient? httpClient, MythicDotClientOptions? options = null)
        : this(httpClient ?? SharedHttp.Client, ClientState.Create(options, admin: true))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotAdminClient"/> class for mocking: no key, no environment, nothing sent.</summary>
    /// <param name="baseUrl">What <see cref="BaseUrl"/> returns.</param>
    /// <remarks>The resource clients are <see langword="null"/> here; override the ones the code under test uses.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="baseUrl"/> is <see langword="null"/>.</exception>
    protected MythicDotAdminClient(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = baseUrl;
        Members = null!;
        Invites = null!;
        ApiKeys = null!;
        AuditLogs = null!;
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotAdminClient"/> class with state already built (dependency injection).</summary>
    /// <param name="httpClient">The client to send with.</param>
    /// <param name="state">The resolved options (an admin key), retry pipelines and caches.</param>
    internal MythicDotAdminClient(HttpClient httpClient, ClientState state)
    {
        var transport = new ApiTransport(httpClient, state);
        _transport = transport;
        State = state;
        BaseUrl = state.BaseUrl;
        Members = new AdminMembersClient(transport);
        Invites = new AdminInvitesClient(transport);
        ApiKeys = new AdminApiKeysClient(transport);
        AuditLogs = new AdminAuditLogsClient(transport);
    }

    /// <summary>Gets the client's resolved options, retry pipelines and caches (for tests).</summary>
    internal ClientState State { get; } = null!;

    /// <summary>Gets the base URL the client sends to (always ending in <c>/</c>).</summary>
    public virtual Uri BaseUrl { get; }

    /// <summary>Gets the members endpoints: <c>admin.Members.ListAsync()</c>, <c>admin.Members.UpdateAsync(id, new(OrganizationRole.Owner))</c>.</summary>
    public virtual AdminMembersClient Members { get; }

    /// <summary>Gets the invites endpoint: <c>admin.Invites.CreateAsync(new("ada@example.com", OrganizationRole.Reader))</c>.</summary>
    public virtual AdminInvitesClient Invites { get; }

    /// <summary>Gets the admin API keys endpoints: list, create (the secret is returned once) and delete.</summary>
    public virtual AdminApiKeysClient ApiKeys { get; }

    /// <summary>Gets the audit log endpoints: <c>admin.AuditLogs.ListAsync(query)</c> and the CSV <c>ExportAsync</c>.</summary>
    public virtual AdminAuditLogsClient AuditLogs { get; }

    /// <summary>Reads the organization's usage in time buckets (scope <c>usage.read</c>).</summary>
    /// <param name="query">The period, bucket width and grouping.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The buckets.</returns>
    /// <remarks>Calls <see cref="GetUsageAsync(UsageQuery, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<UsageReport> GetUsageAsync(UsageQuery query, CancellationToken cancellationToken) => GetUsageAsync(query, null, cancellationToken);

    /// <summary>Reads the organization's usage in time buckets, with per-call options (<c>GET /organization/usage</c>).</summary>
    /// <param name="query">The period, bucket width and grouping.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The buckets, with any field the SDK does not type kept in <see cref="ApiObject.AdditionalProperties"/>.</returns>
    /// <exception cref="ArgumentException">The end is before the start, or the limit is below 1; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<UsageReport> GetUsageAsync(UsageQuery query, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.EndTime is { } end && end < query.StartTime)
        {
            throw new ArgumentException("UsageQuery.EndTime is before UsageQuery.StartTime.", nameof(query));
        }

        if (query.Limit is < 1)
        {
            throw new ArgumentException("UsageQuery.Limit must be at least 1.", nameof(query));
        }

        var parts = new List<string> { "start_time=" + AdminPaging.Seconds(query.StartTime) };
        if (query.EndTime is { } endTime)
        {
            parts.Add("end_time=" + AdminPaging.Seconds(endTime));
        }

        if (query.BucketWidth is { } width)
        {
            parts.Add("bucket_width=" + Uri.EscapeDataString(width));
        }

        foreach (var group in query.GroupBy)
        {
            parts.Add("group_by=" + Uri.EscapeDataString(group));
        }

        if (query.Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        return _transport.SendAsync(new ApiRequest(new ApiOperation("usage"), HttpMethod.Get, "organization/usage?" + string.Join("&", parts)), new ResponseReader<UsageReport>(static () => AdminJsonContext.Default.UsageReport), options, cancellationToken);
    }

    /// <summary>Requests the deletion of the organization's stored data; see the fuller overload.</summary>
    /// <param name="scope">What to erase: <see cref="DataDeletionScope.All"/>, <see cref="DataDeletionScope.ApiLogs"/> or <see cref="DataDeletionScope.Messages"/>.</param>
    /// <param name="confirm">Must be <see langword="true"/>: the deletion cannot be undone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deletion job.</returns>
    /// <exception cref="ArgumentException"><paramref name="confirm"/> is <see langword="false"/>; nothing was sent.</exception>
    /// <remarks>Calls <see cref="DeleteDataAsync(DataDeletionScope, bool, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<DataDeletion> DeleteDataAsync(DataDeletionScope scope, bool confirm, CancellationToken cancellationToken) => DeleteDataAsync(scope, confirm, null, cancellationToken);

    /// <summary>Requests the deletion of the organization's stored data (<c>POST /organization/data/deletions</c>), irreversibly.</summary>
    /// <param name="scope">What to erase: <see cref="DataDeletionScope.All"/>, <see cref="DataDeletionScope.ApiLogs"/> or <see cref="DataDeletionScope.Messages"/>.</param>
    /// <param name="confirm">Must be <see langword="true"/>: it has no default, so that a deletion cannot happen by a default value;
    /// <see langword="false"/> throws before anything is sent.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deletion job: its id, status and estimated completion; follow it with <see cref="GetDataDeletionStatusAsync(string, RequestOptions?, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="confirm"/> is <see langword="false"/>, or the scope is empty; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<DataDeletion> DeleteDataAsync(DataDeletionScope scope, bool confirm, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!confirm)
        {
            throw new ArgumentException("Data deletion cannot be undone: pass confirm: true to delete. Nothing was sent.", nameof(confirm));
        }

        if (string.IsNullOrEmpty(scope.Value))
        {
            throw new ArgumentException("The scope is required (DataDeletionScope.All, ApiLogs or Messages).", nameof(scope));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new DataDeletionRequest { Scope = scope, Confirm = true }, AdminJsonContext.Default.DataDeletionRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("delete_data"), HttpMethod.Post, "organization/data/deletions", body), new ResponseReader<DataDeletion>(static () => AdminJsonContext.Default.DataDeletion), options, cancellationToken);
    }

    /// <summary>Reads a data deletion job's status and progress.</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <remarks>Calls <see cref="GetDataDeletionStatusAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<DataDeletion> GetDataDeletionStatusAsync(string id, CancellationToken cancellationToken) => GetDataDeletionStatusAsync(id, null, cancellationToken);

    /// <summary>Reads a data deletion job's status and progress, with per-call options (<c>GET /organization/data/deletions/{id}</c>).</summary>
    /// <param name="id">The job's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, with <see cref="DataDeletion.Progress"/> from 0 to 1.</returns>
    /// <exception cref="ArgumentException">The id is empty; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how (<see cref="NotFoundError"/> for an unknown job).</exception>
    public virtual Task<DataDeletion> GetDataDeletionStatusAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = "organization/data/deletions/" + RequestPath.Segment(id, nameof(id));
        return _transport.SendAsync(new ApiRequest(new ApiOperation("data_deletion_status"), HttpMethod.Get, path), new ResponseReader<DataDeletion>(static () => AdminJsonContext.Default.DataDeletion), options, cancellationToken);
    }
}
