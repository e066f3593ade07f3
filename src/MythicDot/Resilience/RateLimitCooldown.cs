using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;

namespace MythicDot.Resilience;

/// <summary>
/// A pause that every request sharing it waits out before it is sent. A 429 that says how long to wait, or a success that says no
/// requests remain (<c>x-ratelimit-remaining-requests: 0</c>) until a reset, starts it, so that one caller's rate limit holds every
/// caller that shares the limit instead of each finding out with its own 429.
/// </summary>
/// <remarks>
/// <para>By default a client's cooldown is in its process: clients that share a <see cref="MythicDotClientOptions.RequestLimiter"/>
/// share its cooldown, and a client without one has its own. Give <see cref="MythicDotClientOptions.Cooldown"/> to share one across
/// processes (the <c>MythicDot.Redis</c> package keeps it in Redis) or to share one between clients explicitly.</para>
/// <para>A server wait longer than <see cref="MythicDotClientOptions.MaxRetryAfter"/> holds nobody: the call that met it fails at once.</para>
/// <para>Implementations must be thread-safe. <see cref="GetRemainingAsync"/> is called before every attempt, so it should be cheap.</para>
/// </remarks>
public abstract class RateLimitCooldown
{
    private static readonly ConditionalWeakTable<RateLimiter, RateLimitCooldown> ByLimiter = new();

    /// <summary>Initializes a new instance of the <see cref="RateLimitCooldown"/> class.</summary>
    protected RateLimitCooldown()
    {
    }

    /// <summary>Creates a cooldown kept in this process: every client given it shares it.</summary>
    /// <param name="timeProvider">The clock the cooldown is measured on; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>A new cooldown that holds nobody yet.</returns>
    public static RateLimitCooldown CreateInProcess(TimeProvider? timeProvider = null) => new InProcessCooldown(timeProvider ?? TimeProvider.System);

    /// <summary>Gets how long requests are still held.</summary>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The time left; <see cref="TimeSpan.Zero"/> when requests are not held.</returns>
    /// <remarks>An exception thrown here fails the call before anything is sent, as a <see cref="RateLimiterRejectedError"/> that
    /// carries it (a cooldown that cannot be read and is configured to fail closed does this).</remarks>
    public abstract ValueTask<TimeSpan> GetRemainingAsync(CancellationToken cancellationToken = default);

    /// <summary>Holds requests for <paramref name="wait"/> from now, unless they are already held longer.</summary>
    /// <param name="wait">How long the server asked to wait; positive.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>A task that completes when the hold is recorded.</returns>
    /// <remarks>An exception thrown here is logged as a warning and does not replace the call's own result.</remarks>
    public abstract ValueTask HoldAsync(TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Gets the in-process cooldown of everything that shares <paramref name="limiter"/>.</summary>
    internal static RateLimitCooldown For(RateLimiter limiter, TimeProvider timeProvider) =>
        ByLimiter.GetValue(limiter, _ => new InProcessCooldown(timeProvider));
}

/// <summary>A cooldown in this process: the end of the hold, as UTC ticks, raised with compare-and-swap.</summary>
internal sealed class InProcessCooldown(TimeProvider clock) : RateLimitCooldown
{
    private long _untilUtcTicks;

    /// <inheritdoc />
    public override ValueTask<TimeSpan> GetRemainingAsync(CancellationToken cancellationToken = default) => new(Remaining);

    /// <inheritdoc />
    public override ValueTask HoldAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (wait > TimeSpan.Zero)
        {
            HoldUntil(clock.GetUtcNow().UtcTicks + wait.Ticks);
        }

        return default;
    }

    /// <summary>Gets how long requests are still held; zero when they are not.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var until = Volatile.Read(ref _untilUtcTicks);
            if (until == 0)
            {
                return TimeSpan.Zero;
            }

            var left = until - clock.GetUtcNow().UtcTicks;
            return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
        }
    }

    private void HoldUntil(long ticks)
    {
        var seen = Volatile.Read(ref _untilUtcTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref _untilUtcTicks, ticks, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
