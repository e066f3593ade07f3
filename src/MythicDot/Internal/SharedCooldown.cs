using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;

namespace MythicDot.Internal;

/// <summary>
/// A pause every request that shares it waits out before it is sent: set by a 429 that says how long to wait, or by a response
/// that says no requests remain (<c>x-ratelimit-remaining-requests: 0</c>) and when they reset. Clients that share a
/// <see cref="MythicDotClientOptions.RequestLimiter"/> share its cooldown, so that one caller's 429 holds them all instead of each
/// finding out with its own; a client without one has its own.
/// </summary>
internal sealed class SharedCooldown
{
    private static readonly ConditionalWeakTable<RateLimiter, SharedCooldown> ByLimiter = new();

    private long _untilUtcTicks;

    /// <summary>Gets the cooldown of everything that shares <paramref name="limiter"/>.</summary>
    public static SharedCooldown For(RateLimiter limiter) => ByLimiter.GetValue(limiter, static _ => new SharedCooldown());

    /// <summary>Holds requests until <paramref name="until"/>, unless they are already held longer.</summary>
    public void HoldUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
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

    /// <summary>Gets how long requests are still held; zero when they are not.</summary>
    public TimeSpan Remaining(TimeProvider clock)
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
