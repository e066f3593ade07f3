using Microsoft.Extensions.Logging;
using MythicDot.Errors;
using MythicDot.Resilience;
using Polly;

namespace MythicDot.Internal;

/// <summary>Reads a body without the generated deserializer, or returns <see langword="null"/> to leave it to the deserializer.</summary>
/// <typeparam name="T">The response type.</typeparam>
/// <param name="json">The body.</param>
/// <returns>The value, or <see langword="null"/>.</returns>
internal delegate T? SpanReader<T>(ReadOnlySpan<byte> json);

/// <summary>
/// Sends one logical API call through its stages (each in <c>Internal/Pipeline/</c>), in this order:
/// <code>
/// call      CallTelemetry.StartCall → first attempt → RetryStage (Polly; only after a failed first attempt) → ResultOrThrow
/// attempt   cancellation check → LimiterStage → attempt span → AttemptTimeout → RequestBuilder → HttpClient.SendAsync
///           → ErrorResponseStage for any non-success status, else the call's response stage:
///             JsonResponseStage (one body: SendAsync) or EventStreamStage (a stream: StreamAsync, which then reads its events)
/// failure   AttemptFailures: what an attempt threw, as the caller sees it (caller cancellation, attempt timeout, transport)
/// </code>
/// Streaming and non-streaming calls share every stage but the response stage: a call's kind (<see cref="JsonCall{T}"/>,
/// <see cref="StreamCall"/>) says what it accepts and how a successful response becomes its result.
/// </summary>
internal sealed partial class ApiTransport
{
    private readonly HttpClient _httpClient;
    private readonly ClientState _state;
    private readonly MythicDotClientOptions _options;

    /// <param name="httpClient">The client to send with.</param>
    /// <param name="state">The client's resolved options, retry pipelines, caches and limiter (one per name under dependency injection, shared by its resolves).</param>
    public ApiTransport(HttpClient httpClient, ClientState state)
    {
        _httpClient = httpClient;
        _state = state;
        _options = state.Options;
    }

    public Uri BaseUrl => _state.BaseUrl;

    /// <summary>Gets what mapping an error needs from the client: its clock and its key.</summary>
    public ErrorContext ErrorContext => new(_options.TimeProvider, _options.ApiKey);

    /// <summary>Gets the cap on a successful body, validated to fit an array.</summary>
    public int MaxResponseBytes => (int)_options.MaxResponseBytes;

    public MythicDotClientOptions Options => _options;

    public ILogger Logger => _state.Logger;

    public ClientMetrics Metrics => _state.Metrics;

    /// <summary>Sends a call and deserializes a successful JSON body as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, ResponseReader<T> reader, RequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        requestOptions?.Validate(_options);
        var call = new JsonCall<T>(this, request, reader, requestOptions);
        var start = _options.TimeProvider.GetTimestamp();
        CallTelemetry.StartCall(call, this, requestOptions?.MaxRetries ?? _options.MaxRetries);
        try
        {
            var outcome = await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
            if (outcome.Exception is not null && call.CanRetry)
            {
                outcome = await RetryAsync(call, outcome, cancellationToken).ConfigureAwait(false);
            }

            var value = ResultOrThrow(outcome);
            CallTelemetry.CallSucceeded(call, this, value as ApiResponse, call.LastStatus, start);
            return value;
        }
        catch (Exception exception) when (CallFailed(call, exception, start))
        {
            throw; // never reached: the filter only records the failure
        }
    }

    /// <summary>The absolute URL of a path (cached per client state).</summary>
    /// <exception cref="ArgumentException">The path resolves outside <see cref="BaseUrl"/> (see <see cref="RequestPath"/>).</exception>
    public Uri UriFor(string relativePath, string parameterName = "path") => _state.UriFor(relativePath, parameterName);

    /// <summary>Makes one attempt, through the circuit breaker when the client has one; every failure comes back as the outcome's exception.</summary>
    internal ValueTask<Outcome<TResult>> AttemptAsync<TResult>(CallState<TResult> call, CancellationToken cancellationToken) =>
        _state.CircuitBreaker is { } breaker
            ? CircuitBreakerPipeline.AttemptAsync(breaker, this, call, cancellationToken)
            : AttemptCoreAsync(call, cancellationToken);

    /// <summary>Makes one attempt, every stage in order; every failure comes back as the outcome's exception.</summary>
    internal async ValueTask<Outcome<TResult>> AttemptCoreAsync<TResult>(CallState<TResult> call, CancellationToken cancellationToken)
    {
        try
        {
            // A call whose token is already cancelled sends nothing (Polly checks before each retry; the first attempt is made here).
            cancellationToken.ThrowIfCancellationRequested();
            call.Attempts++;
            await LimiterStage.AcquireAsync(_state, call, cancellationToken).ConfigureAwait(false);
            call.AttemptSpan = CallTelemetry.StartAttempt(call, Logger);
            call.Timeout = new AttemptTimeout(call.TimeoutValue, _options.TimeProvider, cancellationToken);
            call.Request = RequestBuilder.Create(_state, call);
            BodyLog.Request(call);
            call.Response = await _httpClient.SendAsync(call.Request, HttpCompletionOption.ResponseHeadersRead, call.Timeout.Token).ConfigureAwait(false);
            if (call.Response.IsSuccessStatusCode)
            {
                if (RemainingRequestsWait(call.Response) is { } reset)
                {
                    await HoldRequestsAsync(call, reset, cancellationToken).ConfigureAwait(false);
                }

                return await call.ReadSuccessAsync(call.Timeout.Token).ConfigureAwait(false);
            }

            var error = await ErrorResponseStage.ReadAsync(call, call.Timeout.Token).ConfigureAwait(false);
            if (error is RateLimitError { RetryAfter: { } wait } && wait > TimeSpan.Zero)
            {
                await HoldRequestsAsync(call, wait, cancellationToken).ConfigureAwait(false);
            }

            return call.Failed(error);
        }
        catch (Exception exception)
        {
            return Outcome.FromException<TResult>(AttemptFailures.Map(call, exception, cancellationToken));
        }
        finally
        {
            // What the result still needs (an open stream) was detached from the call.
            call.ReleaseAttempt();
        }
    }

    /// <summary>The wait a success announces when it says no requests remain until a reset, which holds the calls that share the
    /// cooldown until then; <see langword="null"/> for any other success.</summary>
    private static TimeSpan? RemainingRequestsWait(HttpResponseMessage response)
    {
        // Every successful call passes here: the non-validated view reads the raw value without allocating.
#if NET
        if (response.Headers.NonValidated.TryGetValues(MythicDotDefaults.RemainingRequestsHeader, out var remaining)
            && remaining.Count == 1 && remaining.ToString() == "0"
            && response.Headers.NonValidated.TryGetValues(MythicDotDefaults.ResetRequestsHeader, out var reset)
            && DurationParser.Parse(reset.ToString()) is { } wait
#else
        if (response.Headers.TryGetValues(MythicDotDefaults.RemainingRequestsHeader, out var remaining)
            && remaining.FirstOrDefault() is "0"
            && response.Headers.TryGetValues(MythicDotDefaults.ResetRequestsHeader, out var reset)
            && DurationParser.Parse(reset.FirstOrDefault()) is { } wait
#endif
            && wait > TimeSpan.Zero)
        {
            return wait;
        }

        return null;
    }

    /// <summary>Holds the calls that share the cooldown for a server's wait, when it is one the client would wait for:
    /// at most <see cref="MythicDotClientOptions.MaxRetryAfter"/>, the rule a retry follows. A longer wait is thrown at once by
    /// the call that met it, and holds nobody (so that a hostile or broken server cannot stop the client for days).</summary>
    /// <remarks>A cooldown that cannot record the hold (a shared store that is down) is logged as a warning; the call's own result stands.</remarks>
    private async ValueTask HoldRequestsAsync(CallState call, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait > _options.MaxRetryAfter)
        {
            return;
        }

        var cooldown = _state.Cooldown;
        try
        {
            await cooldown.HoldAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CooldownNotRecorded(Logger, call.Method.Method, call.Path, wait.TotalMilliseconds, cooldown.GetType().Name, exception);
        }
    }

    /// <summary>The retry stage for a call whose first attempt failed (a call whose first attempt succeeded never enters Polly).</summary>
    private ValueTask<Outcome<TResult>> RetryAsync<TResult>(CallState<TResult> call, Outcome<TResult> first, CancellationToken cancellationToken) =>
        RetryStage.RunAsync(_state.PipelineFor(call.RequestOptions), call, first, cancellationToken);

    /// <summary>The outcome's value, or its failure thrown from the SDK's own frame.</summary>
    /// <remarks>An error the SDK built (never thrown) gets its stack trace here rather than in Polly's <c>Outcome.ThrowIfException</c>;
    /// an exception an attempt caught keeps the attempt's stack, with this frame after it.</remarks>
    private static T ResultOrThrow<T>(Outcome<T> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            if (exception.StackTrace is null)
            {
                throw exception;
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw();
        }

        return outcome.Result!;
    }

    /// <summary>Records a failed call (attempt count on the error, log, span, metric); false, so that it can sit in an exception filter.</summary>
    private bool CallFailed(CallState call, Exception exception, long start)
    {
        (exception as ApiError)?.SetAttempts(call.Attempts);
        CallTelemetry.CallFailed(call, this, exception, start);
        return false;
    }
}
