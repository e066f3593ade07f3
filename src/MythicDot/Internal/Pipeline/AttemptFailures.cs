using MythicDot.Errors;

namespace MythicDot.Internal;

/// <summary>What an attempt threw, as the caller should see it: typed where the SDK knows what it means, a cancellation carrying the caller's token.</summary>
internal static class AttemptFailures
{
    /// <summary>Ends a failed attempt: maps what it threw and records the failure in the log and on the attempt's span.</summary>
    /// <param name="call">The call, with the attempt's timeout and span.</param>
    /// <param name="exception">What the attempt threw.</param>
    /// <param name="callerToken">The caller's token.</param>
    /// <returns>The failure to report: an <see cref="ApiError"/>, the caller's cancellation, or a fault outside the SDK's mapping, as thrown.</returns>
    public static Exception Map(CallState call, Exception exception, CancellationToken callerToken)
    {
        var timeout = call.Timeout;
        var failure = exception switch
        {
            ApiError => exception,
            OperationCanceledException cancelled when IsCallerCancellation(cancelled, callerToken) => WithCallerToken(cancelled, callerToken),
            _ when timeout is not null && IsTransportFailure(exception, callerToken) => MapTransportFailure(exception, timeout, call.TimeoutValue),

            // The caller's cancellation with the caller's token, or a fault outside the SDK's mapping: as thrown, never retried.
            _ => exception,
        };

        if (failure is ApiError error)
        {
            CallTelemetry.AttemptFailed(call, error, call.AttemptSpan, call.Transport.Logger);
        }
        else
        {
            call.AttemptSpan?.Dispose();
        }

        call.AttemptSpan = null;
        return failure;
    }

    /// <summary>Whether the caller cancelled, but the exception carries the attempt's linked token rather than the caller's.</summary>
    public static bool IsCallerCancellation(OperationCanceledException exception, CancellationToken callerToken) =>
        callerToken.IsCancellationRequested && exception.CancellationToken != callerToken;

    /// <summary>Re-raises a cancellation with the caller's token, so that <c>catch (OperationCanceledException e) when (e.CancellationToken == token)</c> matches, as with HttpClient.</summary>
    public static OperationCanceledException WithCallerToken(OperationCanceledException exception, CancellationToken callerToken) =>
        exception is TaskCanceledException
#if NETSTANDARD2_0
            ? new TaskCanceledException(Task.FromCanceled(callerToken)) // no (message, inner, token) constructor before .NET 5
#else
            ? new TaskCanceledException(exception.Message, exception, callerToken)
#endif
            : new OperationCanceledException(exception.Message, exception, callerToken);

    /// <summary>Whether an exception means the attempt failed in transit, as opposed to the caller cancelling or an error already typed.</summary>
    /// <remarks><see cref="InvalidDataException"/> (not an <see cref="IOException"/>) is what a decompressing handler, such as the SDK's
    /// shared one, throws for a body sent as gzip, deflate or brotli whose bytes are not.</remarks>
    public static bool IsTransportFailure(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or IOException or InvalidDataException
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    /// <summary>A failure in transit as a typed error: a timeout (the attempt's, or a caller-owned HttpClient's) or a connection error.</summary>
    public static ApiConnectionError MapTransportFailure(Exception exception, AttemptTimeout timeout, TimeSpan timeoutValue) =>
        exception is OperationCanceledException
            ? ErrorMapper.Timeout(timeout.TimedOut ? timeoutValue : null, exception)
            : ErrorMapper.Connection(exception);
}
