using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Errors;
using Polly;

namespace MythicDot.Internal;

/// <summary>Server-sent-event streams: retried until the response headers arrive, never after a chunk reached the caller.</summary>
internal sealed partial class ApiTransport
{
    private static readonly byte[] DoneUtf8 = "[DONE]"u8.ToArray();

    /// <summary>Streams the events of a call as <typeparamref name="T"/> until <c>[DONE]</c>.</summary>
    /// <remarks>Ending the enumeration early (break, dispose, cancel) releases the connection at once. <paramref name="itemReader"/>
    /// serves this stream only.</remarks>
    public async IAsyncEnumerable<T> StreamAsync<T>(ApiRequest request, StreamItemReader<T> itemReader, RequestOptions? requestOptions, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : ApiResponse
    {
        var call = new StreamCall(this, request, requestOptions);
        var start = _options.TimeProvider.GetTimestamp();
        CallTelemetry.StartCall(call, this, requestOptions?.MaxRetries ?? _options.MaxRetries);
        OpenStream open;
        try
        {
            var outcome = await OpenStreamAsync(call, cancellationToken).ConfigureAwait(false);
            if (outcome.Exception is not null)
            {
                outcome = await RetryAsync(_state.PipelineFor(requestOptions), call, outcome, static (call, token) => call.Transport.OpenStreamAsync(call, token), cancellationToken).ConfigureAwait(false);
            }

            open = ResultOrThrow(outcome);
        }
        catch (Exception exception) when (CallFailed(call, exception, start))
        {
            throw; // never reached: the filter only records the failure
        }

        using (open)
        {
            var info = new ResponseInfo(open.Response.StatusCode, open.Response.Headers, open.Response.Content.Headers, call.Attempts, _options.ApiKey);
            var headers = open.Response.Headers;
            var apiKey = _options.ApiKey;
            var context = new EventContext(headers, ErrorContext);
            T? last = null;
            T? lastWithUsage = null;
            IAsyncEnumerator<SseItem<StreamEvent<T>>>? events = null;
            try
            {
                while (true)
                {
                    StreamEvent<T> next;
                    try
                    {
                        if (events is null)
                        {
                            var stream = await open.Response.Content.ReadAsStreamAsync(open.Timeout.Token).ConfigureAwait(false);
                            events = SseParser.Create(new CappedReadStream(stream, MaxResponseBytes), (eventType, data) => ParseEvent(eventType, data, itemReader, context))
                                .EnumerateAsync(open.Timeout.Token)
                                .GetAsyncEnumerator(open.Timeout.Token);
                        }

                        // Buffered events would otherwise outrun a cancellation the caller asked for.
                        cancellationToken.ThrowIfCancellationRequested();
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            throw ErrorMapper.Connection(new IOException("The event stream ended before [DONE]: the answer is incomplete."));
                        }

                        next = events.Current.Data;
                    }
                    catch (OperationCanceledException exception) when (IsCallerCancellation(exception, cancellationToken))
                    {
                        throw Failed(call, WithCallerToken(exception, cancellationToken), start);
                    }
                    catch (CappedReadStream.LimitExceededException)
                    {
                        throw Failed(call, ErrorMapper.ResponseTooLarge(info.StatusCode, headers, open.Response.Content.Headers, MaxResponseBytes, apiKey), start);
                    }
                    catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
                    {
                        throw Failed(call, MapTransportFailure(exception, open.Timeout, call.TimeoutValue), start);
                    }
                    catch (Exception exception) when (CallFailed(call, exception, start))
                    {
                        throw; // never reached: the filter only records the failure
                    }

                    if (next.Skip)
                    {
                        continue;
                    }

                    if (next.Done)
                    {
                        CallTelemetry.CallSucceeded(call, this, lastWithUsage ?? last, info.StatusCode, start);
                        yield break;
                    }

                    if (next.Error is { } error)
                    {
                        throw Failed(call, error, start);
                    }

                    var item = next.Item!;
                    item.SetResponse(info);
                    last = item;
                    if (item.TelemetryUsage is not null)
                    {
                        lastWithUsage = item;
                    }

                    yield return item;
                }
            }
            finally
            {
                // A caller that stops early ends the span here; ending it twice is harmless.
                call.Activity?.Dispose();
                if (events is not null)
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private Exception Failed(CallState call, Exception exception, long start)
    {
        CallFailed(call, exception, start);
        return exception;
    }

    /// <remarks>
    /// An event is read as an item first: content chunks are nearly every event, so they are not searched for an error envelope.
    /// The reader's fast path reads only the common shape, never an envelope. Otherwise an error event in either envelope either
    /// fails to deserialize as an item or deserializes as one whose unknown fields hold its <c>error</c> or <c>success</c>
    /// member; only then is it parsed as an error.
    /// </remarks>
    private static StreamEvent<T> ParseEvent<T>(
        string eventType,
        ReadOnlySpan<byte> data,
        StreamItemReader<T> itemReader,
        EventContext context)
        where T : class
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (!string.Equals(eventType, SseParser.EventTypeDefault, StringComparison.Ordinal))
        {
            // Only events of the default type are items; `event: error` is an error whatever its envelope, and any other named
            // event (`event: ping` keep-alives, ...) is not for the caller.
            return string.Equals(eventType, "error", StringComparison.Ordinal)
                ? ErrorEvent<T>(trimmed, context, anyBody: true)!.Value
                : new StreamEvent<T>(default, null, Done: false, Skip: true);
        }

        if (trimmed.SequenceEqual(DoneUtf8))
        {
            return new StreamEvent<T>(default, null, Done: true);
        }

        if (itemReader.TryReadFast(trimmed) is { } read)
        {
            return new StreamEvent<T>(read, null, Done: false);
        }

        T? item;
        try
        {
            item = JsonSerializer.Deserialize(trimmed, itemReader.TypeInfo);
        }
        catch (JsonException exception)
        {
            return ErrorEvent<T>(trimmed, context)
                ?? new StreamEvent<T>(default, ErrorMapper.UnreadableBody(System.Net.HttpStatusCode.OK, context.Headers, trimmed, exception, context.Errors.ApiKey), Done: false);
        }

        if (item is null)
        {
            return new StreamEvent<T>(default, ErrorMapper.UnreadableBody(System.Net.HttpStatusCode.OK, context.Headers, trimmed, null, context.Errors.ApiKey), Done: false);
        }

        if (itemReader.MayBeErrorEnvelope(item)
            && ErrorEvent<T>(trimmed, context) is { } error)
        {
            return error;
        }

        return new StreamEvent<T>(item, null, Done: false);
    }

    /// <summary>The error an event carries in either envelope, or <see langword="null"/> when it is not an error envelope.</summary>
    /// <param name="data">The event's data.</param>
    /// <param name="context">The stream's headers, clock and key.</param>
    /// <param name="anyBody">Whether the event is an error whatever its data holds (an <c>event: error</c>), rather than only when it is an error envelope.</param>
    private static StreamEvent<T>? ErrorEvent<T>(ReadOnlySpan<byte> data, EventContext context, bool anyBody = false)
    {
        var parsed = ErrorBody.TryParse(data);
        if (parsed is not { IsError: true } && !anyBody)
        {
            return null;
        }

        // The stream's status was 200; the code says what the error really is.
        var status = ErrorMapper.DocumentedStatus(parsed?.Code) ?? System.Net.HttpStatusCode.OK;
        return new StreamEvent<T>(default, ErrorMapper.FromResponse(new ErrorResponse(status, null, context.Headers), data, parsed, context.Errors), Done: false);
    }

    /// <summary>Makes one attempt to open the stream; every failure comes back as the outcome's exception.</summary>
    private async ValueTask<Outcome<OpenStream>> OpenStreamAsync(StreamCall call, CancellationToken cancellationToken)
    {
        System.Diagnostics.Activity? attempt = null;
        AttemptTimeout? timeout = null;
        System.Threading.RateLimiting.RateLimitLease? lease = null;
        HttpRequestMessage? request = null;
        HttpResponseMessage? response = null;
        try
        {
            // A call whose token is already cancelled sends nothing (Polly checks before each retry; the first attempt is made here).
            cancellationToken.ThrowIfCancellationRequested();
            call.Attempts++;
            lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            attempt = CallTelemetry.StartAttempt(call, Logger);
            timeout = new AttemptTimeout(call.TimeoutValue, _options.TimeProvider, cancellationToken);
            request = CreateRequest(call.Method, call.Uri, call.Body, call.RequestOptions);
            request.Headers.Remove("Accept");
            request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
            LogRequestBody(call);
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed<OpenStream>(call, await ReadErrorAsync(call, response, timeout.Token).ConfigureAwait(false), attempt);
            }

            if (response.Content.Headers.ContentType?.MediaType is "application/json" or "text/html")
            {
                // A JSON body or an HTML page (a proxy's login or error page) where events were expected: an error
                // envelope, or a body the SDK cannot use. Read as events, a page yields none and looks like a dropped connection.
                var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MythicDotDefaults.MaxErrorBodyBytes, timeout.Token).ConfigureAwait(false);
                LogResponseBody(call, response.StatusCode, bytes.Span);
                return Failed<OpenStream>(
                    call,
                    ErrorBody.TryParse(bytes.Span) is { } parsed && parsed.IsError
                        ? ErrorMapper.FromResponse(ErrorResponse.Of(response), bytes.Span, parsed, ErrorContext)
                        : ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, bytes.Span, null, _options.ApiKey),
                    attempt);
            }

            CallTelemetry.AttemptSucceeded(attempt, response.StatusCode);
            var open = new OpenStream(request, response, timeout, lease);
            response = null;
            request = null;
            timeout = null;
            lease = null;
            return Outcome.FromResult(open);
        }
        catch (Exception exception)
        {
            return Outcome.FromException<OpenStream>(AttemptFailure(call, exception, attempt, timeout, cancellationToken));
        }
        finally
        {
            response?.Dispose();
            request?.Dispose();
            timeout?.Dispose();
            lease?.Dispose();
        }
    }

    /// <summary>What reading a stream's events needs besides their data: the response headers, and what mapping an error needs.</summary>
    private readonly record struct EventContext(System.Net.Http.Headers.HttpResponseHeaders Headers, ErrorContext Errors);

    private readonly record struct StreamEvent<T>(T? Item, ApiError? Error, bool Done, bool Skip = false);

    private sealed class StreamCall(ApiTransport transport, ApiRequest request, RequestOptions? requestOptions)
        : CallState(transport, request, requestOptions);

    /// <summary>An open event stream: disposing it releases the connection and the place under the concurrency cap.</summary>
    private sealed class OpenStream(HttpRequestMessage request, HttpResponseMessage response, AttemptTimeout timeout, System.Threading.RateLimiting.RateLimitLease? lease) : IDisposable
    {
        public HttpResponseMessage Response { get; } = response;

        public AttemptTimeout Timeout { get; } = timeout;

        public void Dispose()
        {
            Response.Dispose();
            request.Dispose();
            Timeout.Dispose();
            lease?.Dispose();
        }
    }
}
