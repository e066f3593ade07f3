using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization.Metadata;
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
/// Sends one logical API call: builds a fresh request per attempt, enforces the per-attempt timeout,
/// maps every failure to a typed <see cref="ApiError"/>, and retries through the Polly pipeline.
/// </summary>
internal sealed partial class ApiTransport
{
    private static readonly byte[] SuccessPropertyUtf8 = "\"success\""u8.ToArray();

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

    internal static ResiliencePropertyKey<CallState> CallKey { get; } = new("MythicDot.Call");

    public Uri BaseUrl => _state.BaseUrl;

    /// <summary>Gets what mapping an error needs from the client: its clock and its key.</summary>
    private ErrorContext ErrorContext => new(_options.TimeProvider, _options.ApiKey);

    /// <summary>Gets the cap on a successful body, validated to fit an array.</summary>
    public int MaxResponseBytes => (int)_options.MaxResponseBytes;

    public MythicDotClientOptions Options => _options;

    public ILogger Logger => _state.Logger;

    public ClientMetrics Metrics => _state.Metrics;

    /// <summary>Sends a call and deserializes a successful JSON body as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, ResponseReader<T> reader, RequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        requestOptions?.Validate(_options);
        var call = new Call<T>(this, request, reader, requestOptions);
        var start = _options.TimeProvider.GetTimestamp();
        CallTelemetry.StartCall(call, this, requestOptions?.MaxRetries ?? _options.MaxRetries);
        try
        {
            var outcome = await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
            if (outcome.Exception is not null)
            {
                outcome = await RetryAsync(_state.PipelineFor(requestOptions), call, outcome, static (call, token) => call.Transport.AttemptAsync(call, token), cancellationToken).ConfigureAwait(false);
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

    /// <summary>Hands a failed first attempt to the retry pipeline, which decides whether and when to make the next ones.</summary>
    /// <remarks>
    /// The first attempt runs outside the pipeline: almost every call succeeds at once, and Polly's machinery is only needed to
    /// retry. Polly sees the first attempt's outcome as the outcome of its own first execution, so attempt numbers, waits and the
    /// retry decision are what they would be had it made that attempt itself. Attempts report failures as outcomes, not by
    /// throwing, so that nothing is thrown until the caller gets the last failure.
    /// </remarks>
    private static async ValueTask<Outcome<TResult>> RetryAsync<TCall, TResult>(
        ResiliencePipeline pipeline,
        TCall call,
        Outcome<TResult> first,
        Func<TCall, CancellationToken, ValueTask<Outcome<TResult>>> attempt,
        CancellationToken cancellationToken)
        where TCall : CallState
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
                new SeededAttempts<TCall, TResult>(call, first, attempt)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Ends a failed attempt: the failure as the caller should see it (typed where the SDK knows what it means, a cancellation
    /// carrying the caller's token), recorded in the log and the attempt's span.
    /// </summary>
    private Exception AttemptFailure(CallState call, Exception exception, Activity? attempt, AttemptTimeout? timeout, CancellationToken callerToken)
    {
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
            CallTelemetry.AttemptFailed(call, error, attempt, Logger);
        }
        else
        {
            attempt?.Dispose();
        }

        return failure;
    }

    /// <summary>Records a failed call (attempt count on the error, log, span, metric); false, so that it can sit in an exception filter.</summary>
    private bool CallFailed(CallState call, Exception exception, long start)
    {
        (exception as ApiError)?.SetAttempts(call.Attempts);
        CallTelemetry.CallFailed(call, this, exception, start);
        return false;
    }

    /// <summary>Waits for a place under the concurrency cap, when there is one; the wait honours cancellation.</summary>
    private async ValueTask<RateLimitLease?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_state.Limiter is not { } limiter)
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            var source = _options.RequestLimiter is null ? "concurrency cap (MaxConcurrentRequests)" : $"RequestLimiter ({limiter.GetType().Name})";
            throw new ApiError($"The request was not sent: the client's {source} refused a permit, for example because its queue is full. It is not retried.");
        }

        return lease;
    }

    /// <summary>The absolute URL of a path (cached per client state).</summary>
    /// <exception cref="ArgumentException">The path resolves outside <see cref="BaseUrl"/> (see <see cref="RequestPath"/>).</exception>
    public Uri UriFor(string relativePath, string parameterName = "path") => _state.UriFor(relativePath, parameterName);

    private static bool ContainsSuccessFalse(ReadOnlySpan<byte> body)
    {
        // Fast path: a body without the word cannot be a success:false envelope.
        if (body.IndexOf(SuccessPropertyUtf8) < 0)
        {
            return false;
        }

        return ErrorBody.TryParse(body) is { Success: false };
    }

    /// <summary>Makes one attempt; every failure comes back as the outcome's exception.</summary>
    private async ValueTask<Outcome<T>> AttemptAsync<T>(Call<T> call, CancellationToken cancellationToken)
    {
        Activity? attempt = null;
        AttemptTimeout? timeout = null;
        RateLimitLease? lease = null;
        try
        {
            // A call whose token is already cancelled sends nothing (Polly checks before each retry; the first attempt is made here).
            cancellationToken.ThrowIfCancellationRequested();
            call.Attempts++;
            lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            attempt = CallTelemetry.StartAttempt(call, Logger);
            timeout = new AttemptTimeout(call.TimeoutValue, _options.TimeProvider, cancellationToken);
            using var request = CreateRequest(call.Method, call.Uri, call.Body, call.RequestOptions);
            LogRequestBody(call);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed<T>(call, await ReadErrorAsync(call, response, timeout.Token).ConfigureAwait(false), attempt);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MaxResponseBytes + 1, timeout.Token).ConfigureAwait(false);
            if (bytes.Length > MaxResponseBytes)
            {
                return Failed<T>(call, ErrorMapper.ResponseTooLarge(response.StatusCode, response.Headers, response.Content.Headers, MaxResponseBytes, _options.ApiKey), attempt);
            }

            var json = Utf8Bom.Skip(bytes.Span);
            LogResponseBody(call, response.StatusCode, json);
            if (ContainsSuccessFalse(json))
            {
                return Failed<T>(call, ErrorMapper.FromResponse(ErrorResponse.Of(response), json, null, ErrorContext), attempt);
            }

            T? value;
            try
            {
                if (json.Length == 0 && call.Reader.Empty is { } empty)
                {
                    value = empty();
                }
                else
                {
                    value = call.Reader.Fast is { } fast ? fast(json) : default;
                    value ??= JsonSerializer.Deserialize(json, call.Reader.TypeInfo);
                }
            }
            catch (JsonException exception)
            {
                return Failed<T>(call, ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, json, exception, _options.ApiKey), attempt);
            }

            if (value is null)
            {
                return Failed<T>(call, ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, json, null, _options.ApiKey), attempt);
            }

            if (value is ApiResponse apiResponse)
            {
                apiResponse.SetResponse(new ResponseInfo(response.StatusCode, response.Headers, response.Content.Headers, call.Attempts, _options.ApiKey));
            }

            call.LastStatus = response.StatusCode;
            CallTelemetry.AttemptSucceeded(attempt, response.StatusCode);
            return Outcome.FromResult(value);
        }
        catch (Exception exception)
        {
            return Outcome.FromException<T>(AttemptFailure(call, exception, attempt, timeout, cancellationToken));
        }
        finally
        {
            timeout?.Dispose();
            lease?.Dispose();
        }
    }

    private Outcome<T> Failed<T>(CallState call, ApiError error, Activity? attempt)
    {
        CallTelemetry.AttemptFailed(call, error, attempt, Logger);
        return Outcome.FromException<T>(error);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873", Justification = "Guarded by Logger.IsEnabled just above.")]
    private void LogRequestBody(CallState call)
    {
        if (_options.LogBodies && call.Body is { } body && Logger.IsEnabled(LogLevel.Trace))
        {
            Log.RequestBody(Logger, call.Method.Method, call.Path, System.Text.Encoding.UTF8.GetString(body));
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873", Justification = "Guarded by Logger.IsEnabled just above.")]
    private void LogResponseBody(CallState call, HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        if (_options.LogBodies && Logger.IsEnabled(LogLevel.Trace))
        {
            var text = ErrorMapper.Redact(ErrorMapper.DecodeLenient(body), _options.ApiKey);

            // An error body read up to the cap may end in the start of an echoed key.
            if (body.Length >= MythicDotDefaults.MaxErrorBodyBytes)
            {
                text = ErrorMapper.RedactCutKey(text, _options.ApiKey);
            }

            Log.ResponseBody(Logger, call.Method.Method, call.Path, (int)status, text ?? string.Empty);
        }
    }

    /// <summary>Whether the caller cancelled, but the exception carries the attempt's linked token rather than the caller's.</summary>
    private static bool IsCallerCancellation(OperationCanceledException exception, CancellationToken callerToken) =>
        callerToken.IsCancellationRequested && exception.CancellationToken != callerToken;

    /// <summary>Re-raises a cancellation with the caller's token, so that <c>catch (OperationCanceledException e) when (e.CancellationToken == token)</c> matches, as with HttpClient.</summary>
    private static OperationCanceledException WithCallerToken(OperationCanceledException exception, CancellationToken callerToken) =>
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
    private static bool IsTransportFailure(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or IOException or InvalidDataException
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    private static ApiConnectionError MapTransportFailure(Exception exception, AttemptTimeout timeout, TimeSpan timeoutValue) =>
        exception is OperationCanceledException
            ? ErrorMapper.Timeout(timeout.TimedOut ? timeoutValue : null, exception) // ours, or a caller-owned HttpClient's Timeout
            : ErrorMapper.Connection(exception);

    /// <summary>Reads an error response's body (capped) and maps it to the typed error.</summary>
    private async Task<ApiError> ReadErrorAsync(CallState call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MythicDotDefaults.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        LogResponseBody(call, response.StatusCode, bytes.Span);
        return ErrorMapper.FromResponse(ErrorResponse.Of(response), bytes.Span, null, ErrorContext);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, byte[]? body, RequestOptions? requestOptions)
    {
        var request = new HttpRequestMessage(method, uri);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("Authorization", _state.Authorization);
        headers.TryAddWithoutValidation("User-Agent", _state.UserAgent);
        headers.TryAddWithoutValidation("Accept", "application/json");
        if (_options.ApiVersion is { } version)
        {
            headers.TryAddWithoutValidation(MythicDotDefaults.VersionHeader, version);
        }

        foreach (var pair in _options.DefaultHeaders)
        {
            if (requestOptions is null || !requestOptions.Headers.ContainsKey(pair.Key))
            {
                SetHeader(request, pair.Key, pair.Value);
            }
        }

        if (requestOptions is not null)
        {
            foreach (var pair in requestOptions.Headers)
            {
                SetHeader(request, pair.Key, pair.Value);
            }
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        return request;
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>The attempts of a retried call: the first attempt's outcome, already known, then new attempts.</summary>
    private sealed class SeededAttempts<TCall, TResult>(TCall call, Outcome<TResult> first, Func<TCall, CancellationToken, ValueTask<Outcome<TResult>>> attempt)
    {
        private bool _firstTaken;

        public ValueTask<Outcome<TResult>> NextAsync(CancellationToken cancellationToken)
        {
            if (!_firstTaken)
            {
                _firstTaken = true;
                return new ValueTask<Outcome<TResult>>(first);
            }

            return attempt(call, cancellationToken);
        }
    }

    private sealed class Call<T>(ApiTransport transport, ApiRequest request, ResponseReader<T> reader, RequestOptions? requestOptions)
        : CallState(transport, request, requestOptions)
    {
        /// <summary>Gets how a successful body becomes the result.</summary>
        public ResponseReader<T> Reader { get; } = reader;

        public HttpStatusCode LastStatus { get; set; }
    }
}
