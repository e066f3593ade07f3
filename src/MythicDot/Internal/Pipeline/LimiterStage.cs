using System.Threading.RateLimiting;

namespace MythicDot.Internal;

/// <summary>The limiter stage: each attempt, retries included, waits out a rate-limit cooldown (<see cref="SharedCooldown"/>) and then
/// for a permit of the client's request limiter when it has one.</summary>
internal static class LimiterStage
{
    /// <summary>Waits for a permit; the wait honours cancellation.</summary>
    /// <param name="state">The client's state, with its limiter (<c>MaxConcurrentRequests</c> or <c>RequestLimiter</c>).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The lease to hold for the attempt, or <see langword="null"/> when the client has no limiter.</returns>
    /// <exception cref="ApiError">The limiter refused a permit (its queue is full); nothing was sent.</exception>
    public static async ValueTask<RateLimitLease?> AcquireAsync(ClientState state, CancellationToken cancellationToken)
    {
        // A rate limit that one call met holds every call that shares the cooldown until it is over.
        if (state.CooldownIfAny is { } cooldown && cooldown.Remaining(state.Options.TimeProvider) is { Ticks: > 0 } wait)
        {
#if NET8_0_OR_GREATER
            await Task.Delay(wait, state.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
#else
            await state.Options.TimeProvider.Delay(wait, cancellationToken).ConfigureAwait(false);
#endif
        }

        if (state.Limiter is not { } limiter)
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            var source = state.Options.RequestLimiter is null ? "concurrency cap (MaxConcurrentRequests)" : $"RequestLimiter ({limiter.GetType().Name})";
            throw new ApiError($"The request was not sent: the client's {source} refused a permit, for example because its queue is full. It is not retried.");
        }

        return lease;
    }
}
