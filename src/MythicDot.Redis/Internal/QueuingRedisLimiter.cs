using System.Threading.RateLimiting;

namespace MythicDot.Redis.Internal;

/// <summary>
/// Makes a RedisRateLimiting limiter (which refuses at once when the budget is spent) wait its turn: the calls of this process queue
/// in FIFO order, the head asks Redis, and when refused it waits (the lease's retry-after, else the poll interval) and asks again.
/// A full queue is a refused lease; a Redis failure lets the call through (fail open) or is thrown (fail closed).
/// </summary>
internal sealed class QueuingRedisLimiter : RateLimiter
{
    private static readonly MetadataName<int> RedisRetryAfter = RedisRateLimiting.RateLimitMetadataName.RetryAfter;
    private readonly RateLimiter _inner;
    private readonly string _name;
    private readonly int _permitLimit;
    private readonly TimeSpan _poll;
    private readonly int _queueLimit;
    private readonly RedisFailures _failures;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _turn = new(1, 1); // SemaphoreSlim queues async waiters in FIFO order
    private int _waiting;
    private long _idleSince;

    public QueuingRedisLimiter(RateLimiter inner, string name, int permitLimit, TimeSpan poll, int queueLimit, RedisFailures failures, TimeProvider clock)
    {
        _inner = inner;
        _name = name;
        _permitLimit = permitLimit;
        _poll = poll;
        _queueLimit = queueLimit;
        _failures = failures;
        _clock = clock;
        _idleSince = clock.GetTimestamp();
    }

    public override TimeSpan? IdleDuration => Volatile.Read(ref _waiting) > 0 ? null : _clock.GetElapsedTime(Interlocked.Read(ref _idleSince));

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentQueuedCount = Volatile.Read(ref _waiting) };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? Lease.Granted : Lease.Refused($"{_name}: a shared Redis budget is only taken by waiting (AcquireAsync).");

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        if (permitCount > _permitLimit)
        {
            return Lease.Refused($"{_name}: {permitCount} permits exceed the whole budget of {_permitLimit} per window; the call can never fit.");
        }

        if (Interlocked.Increment(ref _waiting) > _queueLimit + 1)
        {
            Interlocked.Decrement(ref _waiting);
            return Lease.Refused($"{_name}: more than QueueLimit ({_queueLimit}) calls of this process are already waiting for the shared budget.");
        }

        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    RateLimitLease lease;
                    try
                    {
                        lease = await _failures.RunAsync(() => _inner.AcquireAsync(permitCount, CancellationToken.None), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        if (_failures.ShouldPass(ex, _name))
                        {
                            return Lease.Granted;
                        }

                        throw RedisFailures.Describe(ex, _name);
                    }

                    if (lease.IsAcquired)
                    {
                        return lease;
                    }

                    var wait = _poll;
                    if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero)
                    {
                        wait = retryAfter;
                    }
                    else if (lease.TryGetMetadata(RedisRetryAfter, out var redisRetryAfter) && redisRetryAfter > 0)
                    {
                        wait = TimeSpan.FromMilliseconds(redisRetryAfter);
                    }

                    lease.Dispose();
                    await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
            Interlocked.Exchange(ref _idleSince, _clock.GetTimestamp());
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _turn.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _turn.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private sealed class Lease(bool acquired, string? reason) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => reason is null ? [] : [MetadataName.ReasonPhrase.Name];

        public static Lease Refused(string reason) => new(false, reason);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (reason is not null && metadataName == MetadataName.ReasonPhrase.Name)
            {
                metadata = reason;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
