using Microsoft.Extensions.Logging;
using MythicDot.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace MythicDot.Internal;

/// <summary>The circuit-breaker stage (<see cref="MythicDotClientOptions.CircuitBreaker"/>): Polly's circuit breaker around each
/// attempt, counting transient failures, with its <see cref="BrokenCircuitException"/> turned into a <see cref="CircuitOpenError"/>.</summary>
internal static class CircuitBreakerPipeline
{
    /// <summary>Builds the breaker for a client's options, on the client's clock.</summary>
    public static ResiliencePipeline Build(CircuitBreakerOptions options, TimeProvider timeProvider, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.FailureThreshold,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = static args => new ValueTask<bool>(IsTransientFailure(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration.TotalMilliseconds);
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger);
                    return default;
                },
            })
            .Build();

    /// <summary>Whether a failure counts toward opening the circuit: one the client would retry (5xx, timeouts, dropped connections),
    /// except rate limits, which say the service is up and are handled by the cooldown.</summary>
    public static bool IsTransientFailure(Exception? exception) =>
        exception is ApiError { IsRetryable: true } and not RateLimitError;

    /// <summary>Makes one attempt through the breaker; an open circuit comes back as a <see cref="CircuitOpenError"/>, nothing sent.</summary>
    public static async ValueTask<Outcome<TResult>> AttemptAsync<TResult>(ResiliencePipeline breaker, ApiTransport transport, CallState<TResult> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await breaker.ExecuteOutcomeAsync(
                static (context, state) => state.transport.AttemptCoreAsync(state.call, context.CancellationToken),
                context,
                (transport, call)).ConfigureAwait(false);
            return outcome.Exception is BrokenCircuitException broken ? Outcome.FromException<TResult>(Open(broken, transport.Options)) : outcome;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static CircuitOpenError Open(BrokenCircuitException broken, MythicDotClientOptions options)
    {
        var breaker = options.CircuitBreaker!;
        var message = broken.RetryAfter is { } wait
            ? $"The request was not sent: the client's circuit breaker is open after repeated transient failures ({breaker.FailureThreshold} or more within {breaker.SamplingDuration}). It lets a probe through in {Math.Ceiling(wait.TotalMilliseconds)} ms, at {options.TimeProvider.GetUtcNow() + wait:O}."
            : $"The request was not sent: the client's circuit breaker is open after repeated transient failures ({breaker.FailureThreshold} or more within {breaker.SamplingDuration}), and its probe is in flight.";
        return new CircuitOpenError(message, broken) { RetryAfter = broken.RetryAfter };
    }
}
