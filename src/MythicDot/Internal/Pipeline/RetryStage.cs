using Polly;

namespace MythicDot.Internal;

/// <summary>The retry stage: hands a failed first attempt to the Polly pipeline, which decides whether and when to make the next ones.</summary>
/// <remarks>
/// The first attempt runs outside the pipeline: almost every call succeeds at once, and Polly's machinery is only needed to
/// retry. Polly sees the first attempt's outcome as the outcome of its own first execution, so attempt numbers, waits and the
/// retry decision are what they would be had it made that attempt itself. Attempts report failures as outcomes, not by
/// throwing, so that nothing is thrown until the caller gets the last failure.
/// </remarks>
internal static class RetryStage
{
    /// <summary>Gets the key under which the pipeline's callbacks find the call (for the retry log line and span event).</summary>
    public static ResiliencePropertyKey<CallState> CallKey { get; } = new("MythicDot.Call");

    /// <summary>Runs the retries of a call whose first attempt failed with <paramref name="first"/>.</summary>
    /// <param name="pipeline">The client's (or the request's) retry pipeline; <see cref="ResiliencePipeline.Empty"/> when retries are off.</param>
    /// <param name="call">The call; each new attempt goes through <see cref="ApiTransport.AttemptAsync"/>.</param>
    /// <param name="first">The failed first attempt.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The last attempt's outcome.</returns>
    public static async ValueTask<Outcome<TResult>> RunAsync<TResult>(ResiliencePipeline pipeline, CallState<TResult> call, Outcome<TResult> first, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(pipeline, ResiliencePipeline.Empty))
        {
            return first;
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await pipeline.ExecuteOutcomeAsync(
                static (context, attempts) => attempts.NextAsync(context.CancellationToken),
                context,
                new SeededAttempts<TResult>(call, first)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The attempts of a retried call: the first attempt's outcome, already known, then new attempts.</summary>
    private sealed class SeededAttempts<TResult>(CallState<TResult> call, Outcome<TResult> first)
    {
        private bool _firstTaken;

        public ValueTask<Outcome<TResult>> NextAsync(CancellationToken cancellationToken)
        {
            if (!_firstTaken)
            {
                _firstTaken = true;
                return new ValueTask<Outcome<TResult>>(first);
            }

            return call.Transport.AttemptAsync(call, cancellationToken);
        }
    }
}
