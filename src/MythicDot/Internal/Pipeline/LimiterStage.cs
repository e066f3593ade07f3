using System.Threading.RateLimiting;
using MythicDot.Resilience;

namespace MythicDot.Internal;

/// <summary>The limiter stage: each attempt, retries included, waits out a rate-limit cooldown (<see cref="RateLimitCooldown"/>), then
/// takes a permit of the client's request limiter and its estimated tokens from the token limiter, when it has them.</summary>
internal static class LimiterStage
{
    /// <summary>Waits out the cooldown and takes the attempt's permits; every wait honours cancellation. The leases go on the call.</summary>
    /// <param name="state">The client's state, with its cooldown and limiters.</param>
    /// <param name="call">The call; its <see cref="CallState.Lease"/> and <see cref="CallState.TokenLease"/> are set.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="RateLimiterRejectedError">A limiter refused (its queue is full, or the estimate can never fit), or a limiter
    /// or the cooldown failed; nothing was sent.</exception>
    public static ValueTask AcquireAsync(ClientState state, CallState call, CancellationToken cancellationToken)
    {
        // Almost every attempt: no cooldown yet, no limiter. Nothing to wait for, nothing allocated.
        if (state.CooldownIfAny is null && state.Limiter is null && (state.TokenLimiter is null || call.Tokens is null))
        {
            return default;
        }

        return AcquireSlowAsync(state, call, cancellationToken);
    }

    private static async ValueTask AcquireSlowAsync(ClientState state, CallState call, CancellationToken cancellationToken)
    {
        // A rate limit that one call met holds every call that shares the cooldown until it is over.
        if (state.CooldownIfAny is { } cooldown)
        {
            await WaitOutAsync(state, cooldown, cancellationToken).ConfigureAwait(false);
        }

        var queued = false;
        if (state.Limiter is { } limiter)
        {
            var name = state.Options.RequestLimiter is null ? "MaxConcurrentRequests" : "RequestLimiter";
            (call.Lease, queued) = await AcquireAsync(limiter, 1, name, cancellationToken).ConfigureAwait(false);
        }

        if (state.TokenLimiter is { } tokens && call.Tokens is { } request)
        {
            var estimate = call.EstimatedTokens ??= request.EstimateTokens(state.TokenEstimator);
            (call.TokenLease, var queuedForTokens) = await AcquireAsync(tokens, estimate, "TokenLimiter", cancellationToken).ConfigureAwait(false);
            queued |= queuedForTokens;
        }

        // A call that queued for its permits may have waited past another call's 429 (or its "remaining 0"): that cooldown holds
        // it too, or every caller queued behind a spent budget would be sent into the rate limit the moment the budget refills.
        if (queued && state.CooldownIfAny is { } after)
        {
            await WaitOutAsync(state, after, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask WaitOutAsync(ClientState state, RateLimitCooldown cooldown, CancellationToken cancellationToken)
    {
        var wait = await Read(cooldown, cancellationToken).ConfigureAwait(false);
        if (wait > TimeSpan.Zero)
        {
#if NET8_0_OR_GREATER
            await Task.Delay(wait, state.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
#else
            await state.Options.TimeProvider.Delay(wait, cancellationToken).ConfigureAwait(false);
#endif
        }
    }

    private static async ValueTask<TimeSpan> Read(RateLimitCooldown cooldown, CancellationToken cancellationToken)
    {
        try
        {
            return await cooldown.GetRemainingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new RateLimiterRejectedError($"The request was not sent: the client's Cooldown ({cooldown.GetType().Name}) could not be read: {exception.Message}", exception)
            {
                Limit = "Cooldown",
            };
        }
    }

    /// <returns>The lease, and whether the limiter did not grant it at once (the call queued, or the limiter asked a remote store).</returns>
    private static async ValueTask<(RateLimitLease Lease, bool Queued)> AcquireAsync(RateLimiter limiter, int permits, string name, CancellationToken cancellationToken)
    {
        RateLimitLease lease;
        bool queued;
        try
        {
            var acquiring = limiter.AcquireAsync(permits, cancellationToken);
            queued = !acquiring.IsCompleted;
            lease = await acquiring.ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            // The built-in limiters refuse a count above what they can ever grant by throwing.
            throw new RateLimiterRejectedError($"The request was not sent: it needs {permits} permits of the client's {name} ({limiter.GetType().Name}), more than the limiter can ever grant. {(name == "TokenLimiter" ? "Send a smaller prompt or max_tokens, or raise the limiter's token limit." : string.Empty)}".TrimEnd(), exception)
            {
                Limit = name,
                Permits = permits,
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new RateLimiterRejectedError($"The request was not sent: the client's {name} ({limiter.GetType().Name}) failed: {exception.Message}", exception)
            {
                Limit = name,
                Permits = permits,
            };
        }

        if (!lease.IsAcquired)
        {
            TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
            lease.Dispose();
            var what = name == "TokenLimiter" ? $"{permits} estimated tokens" : "a permit";
            throw new RateLimiterRejectedError($"The request was not sent: the client's {name} ({limiter.GetType().Name}) refused {what}, for example because its queue is full{(retryAfter is { } wait ? $"; it suggests retrying in {Math.Ceiling(wait.TotalMilliseconds)} ms" : string.Empty)}. It is not retried.")
            {
                Limit = name,
                Permits = permits,
                RetryAfter = retryAfter,
            };
        }

        return (lease, queued);
    }
}
