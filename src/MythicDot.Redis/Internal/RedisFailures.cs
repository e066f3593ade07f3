using Microsoft.Extensions.Logging;

namespace MythicDot.Redis.Internal;

/// <summary>Runs a Redis operation under the options' time bound, and applies the failure mode when it fails.</summary>
internal sealed partial class RedisFailures(MythicDotRedisLimitOptions options, ILogger logger, TimeProvider clock)
{
    private long _lastWarningTimestamp = long.MinValue;

    public bool FailOpen => options.FailureMode == RedisFailureMode.FailOpen;

    public async ValueTask<T> RunAsync<T>(Func<ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        var task = operation().AsTask();
        return await task.WaitAsync(options.OperationTimeout, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the failure lets the call through (fail open, warning logged at most once an interval).</summary>
    public bool ShouldPass(Exception exception, string what)
    {
        if (!FailOpen)
        {
            return false;
        }

        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTimestamp);
        if (last == long.MinValue || clock.GetElapsedTime(last, now) >= options.FailureLogInterval)
        {
            if (Interlocked.CompareExchange(ref _lastWarningTimestamp, now, last) == last)
            {
                LogFailOpen(logger, what, exception.GetType().Name, exception.Message, exception);
            }
        }

        return true;
    }

    public static Exception Describe(Exception exception, string what) => exception switch
    {
        TimeoutException t => new TimeoutException($"Redis did not answer the {what} within the MythicDotRedisLimitOptions.OperationTimeout.", t),
        _ => exception,
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "MythicDot.Redis: Redis failed for the {What} ({ExceptionType}: {ExceptionMessage}); calls go ahead without the shared rate limits (FailureMode = FailOpen). This warning repeats at most once per FailureLogInterval.")]
    private static partial void LogFailOpen(ILogger logger, string what, string exceptionType, string exceptionMessage, Exception exception);
}
