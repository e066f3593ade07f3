using System.Globalization;

namespace MythicDot.Testing.Internal;

/// <summary>Everything one emulator shares across requests: settings, the fault queue, the recorded requests and the counters. Thread-safe.</summary>
internal sealed class EmulatorState(MythicDotEmulatorOptions options) : IDisposable
{
    private readonly object _gate = new();
    private readonly List<(EmulatorFault Fault, string? Path)> _faults = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedRealtimeSession> _realtimeSessions = [];
    private readonly CancellationTokenSource _shutdown = new();
    private long _requestCount;
    private long _completionCount;
    private long _moderationCount;
    private long _responseCount;
    private long _realtimeSessionCount;

    public string ApiKey { get; } = options.ApiKey;

    public TimeProvider TimeProvider { get; } = options.TimeProvider;

    /// <summary>Gets how long a batch's requests run; <see langword="null"/> for 1 ms per request, at least 1 s.</summary>
    public TimeSpan? BatchDuration { get; } = options.BatchDuration;

    /// <summary>Gets the batches of <c>/batches</c>, by id.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, EmulatorBatch> Batches { get; } = new(StringComparer.Ordinal);

    private long _batchCount;

    public long NextBatchNumber() => Interlocked.Increment(ref _batchCount);

    /// <summary>Gets the Admin API's organization: members, invites, admin keys, audit log and data deletions.</summary>
    public AdminState Admin { get; } = new(options);

    public ErrorEnvelope ErrorEnvelope { get; } = options.ErrorEnvelope;

    public int StreamChunkSize { get; } = options.StreamChunkSize;

    public bool StreamKeepAlive { get; } = options.StreamKeepAlive;

    public RateLimitWindow RateLimits { get; } = new(options.TimeProvider, options.RateLimitWindow, options.RequestsPerMinute, options.TokensPerMinute);

    /// <summary>Gets a token cancelled when the emulator shuts down, so that stalled requests end.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public IReadOnlyList<RecordedRealtimeSession> RealtimeSessions
    {
        get
        {
            lock (_gate)
            {
                return _realtimeSessions.ToArray();
            }
        }
    }

    public int PendingFaultCount
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count;
            }
        }
    }

    /// <summary>Numbers the request (1-based) and gives it its id.</summary>
    public string NextRequestId() =>
        string.Create(CultureInfo.InvariantCulture, $"req_emulator_{Interlocked.Increment(ref _requestCount):D6}");

    public long NextCompletionNumber() => Interlocked.Increment(ref _completionCount);

    public long NextModerationNumber() => Interlocked.Increment(ref _moderationCount);

    public long NextResponseNumber() => Interlocked.Increment(ref _responseCount);

    /// <summary>Gets the responses kept for <c>GET /responses/{id}</c> and <c>previous_response_id</c>, by id.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, StoredResponse> Responses { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the files of <c>/files</c>, their bytes in a temp directory deleted with the emulator.</summary>
    public EmulatorFileStore Files { get; } = new();

    public long NextRealtimeSessionNumber() => Interlocked.Increment(ref _realtimeSessionCount);

    public void AddTokens(int tokens) => RateLimits.AddTokens(tokens);

    public void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public void Record(RecordedRealtimeSession session)
    {
        lock (_gate)
        {
            _realtimeSessions.Add(session);
        }
    }

    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
            _realtimeSessions.Clear();
        }
    }

    /// <param name="fault">The fault.</param>
    /// <param name="path">A full path (<c>/v1/models</c>), a path relative to the base URL (<c>chat/completions</c>), or null for any request.</param>
    public void EnqueueFault(EmulatorFault fault, string? path)
    {
        string? fullPath = null;
        if (path is not null)
        {
            var trimmed = path.Trim().TrimEnd('/');
            fullPath = trimmed.StartsWith('/') ? trimmed : EmulatorDefaults.ApiBasePath + "/" + trimmed;
        }

        lock (_gate)
        {
            _faults.Add((fault, fullPath));
        }
    }

    /// <summary>Takes the first queued fault that applies to <paramref name="path"/>, if any.</summary>
    public EmulatorFault? TakeFault(string path)
    {
        var normalized = path.TrimEnd('/');
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, filter) = _faults[i];
                if (filter is null || string.Equals(filter, normalized, StringComparison.Ordinal))
                {
                    _faults.RemoveAt(i);
                    return fault;
                }
            }
        }

        return null;
    }

    public void Shutdown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Dispose();
        Files.Dispose();
    }
}
