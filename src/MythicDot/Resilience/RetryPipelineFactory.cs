using Polly;
using Polly.Retry;

namespace MythicDot.Resilience;

/// <summary>Builds the Polly pipeline that retries transient <see cref="ApiError"/>s.</summary>
internal static class RetryPipelineFactory
{
    /// <summary>Creates a pipeline making at most <paramref name="maxRetries"/> retries; the empty pipeline for 0.</summary>
    /// <param name="options">The client's options.</param>
    /// <param name="maxRetries">The retry count.</param>
    /// <param name="onRetry">Told of each retry before its wait: the context, the retry number (1-based), the wait and the failure.</param>
    public static ResiliencePipeline Create(MythicDotClientOptions options, int maxRetries, Action<ResilienceContext, int, TimeSpan, Exception?>? onRetry = null)
    {
        if (maxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var initial = options.InitialRetryDelay;
        var max = options.MaxRetryDelay;
        var maxRetryAfter = options.MaxRetryAfter;
        var jitter = options.JitterSource ?? Random.Shared.NextDouble;

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome.Exception, maxRetryAfter)),
                DelayGenerator = args =>
                {
                    var error = args.Outcome.Exception as ApiError;
                    var delay = error?.RetryAfter is { } serverWait
                        ? RoundUpToMilliseconds(serverWait)
                        : Backoff.Delay(args.AttemptNumber + 1, initial, max, jitter());
                    return new ValueTask<TimeSpan?>(delay);
                },
                OnRetry = onRetry is null ? null : args =>
                {
                    onRetry(args.Context, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Timers count whole milliseconds and drop the rest; rounding up keeps a retry from coming before the server's wait.</summary>
    private static TimeSpan RoundUpToMilliseconds(TimeSpan wait) =>
        TimeSpan.FromTicks((wait.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

    /// <summary>Whether an attempt's failure is worth another attempt.</summary>
    /// <remarks>A server wait longer than <paramref name="maxRetryAfter"/> is not slept: the error goes to the caller at once.</remarks>
    internal static bool ShouldRetry(Exception? exception, TimeSpan maxRetryAfter) =>
        exception is ApiError { IsRetryable: true } error && !(error.RetryAfter > maxRetryAfter);
}
