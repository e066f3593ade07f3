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
    private static readonly byte[] ErrorPropertyUtf8 = "\"error\""u8.ToArray();

    /// <summary>Streams the events of a call as <typeparamref name="T"/> until <c>[DONE]</c>.</summary>
    /// <remarks>Ending the enumeration early (break, dispose, cancel) releases the connection at once.</remarks>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        ApiOperation operation,
        HttpMethod method,
        string relativePath,
        byte[] body,
        JsonTypeInfo<T> itemType,
        RequestOptions? requestOptions,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : ApiResponse
    {
        var call = new StreamCall(this, operation, method, relativePath, body, requestOptions);
        var start = _options.TimeProvider.GetTimestamp();
        CallTelemetry.StartCall(call, this, requestOptions?.MaxRetries ?? _options.MaxRetries);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        OpenStream open;
        try
        {
            open = await PipelineFor(requestOptions).ExecuteAsync(
                static (context, call) => call.Transport.OpenStreamAsync(call, context.CancellationToken),
                context,
                call).ConfigureAwait(false);
        }
        catch (Exception exception) when (CallFailed(call, exception, start))
        {
            throw; // never reached: the filter only records the failure
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (open)
        {
            var info = new ResponseInfo(open.Response.StatusCode, open.Response.Headers, call.Attempts);
            var timeProvider = _options.TimeProvider;
            var headers = open.Response.Headers;
            var apiKey = _options.ApiKey;
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
                            events = SseParser.Create(stream, (_, data) => ParseEvent(data, itemType, headers, timeProvider, apiKey))
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
                    catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
                    {
                        throw Failed(call, MapTransportFailure(exception, open.Timeout, call.TimeoutValue), start);
                    }
                    catch (Exception exception) when (CallFailed(call, exception, start))
                    {
                        throw; // never reached: the filter only records the failure
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
                    item.Response = info;
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

    private static StreamEvent<T> ParseEvent<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> itemType, System.Net.Http.Headers.HttpResponseHeaders headers, TimeProvider timeProvider, string? apiKey)
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual(DoneUtf8))
        {
            return new StreamEvent<T>(default, null, Done: true);
        }

        // An error object may arrive as an event, in either envelope.
        if ((trimmed.IndexOf(ErrorPropertyUtf8) >= 0 || trimmed.IndexOf("\"success\""u8) >= 0)
            && ErrorBody.TryParse(trimmed) is { IsError: true } parsed)
        {
            // The stream's status was 200; the code says what the error really is.
            var status = ErrorMapper.DocumentedStatus(parsed.Code) ?? System.Net.HttpStatusCode.OK;
            return new StreamEvent<T>(default, ErrorMapper.FromResponse(status, null, headers, null, trimmed, parsed, timeProvider, apiKey), Done: false);
        }

        T? item;
        try
        {
            item = JsonSerializer.Deserialize(trimmed, itemType);
        }
        catch (JsonException exception)
        {
            return new StreamEvent<T>(default, ErrorMapper.UnreadableBody(System.Net.HttpStatusCode.OK, headers, trimmed, exception, apiKey), Done: false);
        }

        return item is null
            ? new StreamEvent<T>(default, ErrorMapper.UnreadableBody(System.Net.HttpStatusCode.OK, headers, trimmed, null, apiKey), Done: false)
            : new StreamEvent<T>(item, null, Done: false);
    }

    private async ValueTask<OpenStream> OpenStreamAsync(StreamCall call, CancellationToken cancellationToken)
    {
        call.Attempts++;
        var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        var attempt = CallTelemetry.StartAttempt(call, Logger);
        var timeout = new AttemptTimeout(call.TimeoutValue, _options.TimeProvider, cancellationToken);
        var request = CreateRequest(call.Method, call.Uri, call.Body, call.RequestOptions);
        request.Headers.Remove("Accept");
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        LogRequestBody(call);
        HttpResponseMessage? response = null;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(call, response, timeout.Token).ConfigureAwait(false);
            }

            if (response.Content.Headers.ContentType?.MediaType is "application/json" or "text/html")
            {
                // A JSON body or an HTML page (a proxy's login or error page) where events were expected: an error
                // envelope, or a body the SDK cannot use. Read as events, a page yields none and looks like a dropped connection.
                var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MythicDotDefaults.MaxErrorBodyBytes, timeout.Token).ConfigureAwait(false);
                LogResponseBody(call, response.StatusCode, bytes.Span);
                throw ErrorBody.TryParse(bytes.Span) is { } parsed && parsed.IsError
                    ? ErrorMapper.FromResponse(response.StatusCode, response.ReasonPhrase, response.Headers, response.Content.Headers, bytes.Span, parsed, _options.TimeProvider, _options.ApiKey)
                    : ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, bytes.Span, null, _options.ApiKey);
            }

            CallTelemetry.AttemptSucceeded(attempt, response.StatusCode);
            var open = new OpenStream(request, response, timeout, lease);
            response = null;
            request = null;
            timeout = null;
            lease = null;
            return open;
        }
        catch (ApiError error) when (CallTelemetry.AttemptFailed(call, error, attempt, Logger))
        {
            throw; // never reached: the filter only records the failure
        }
        catch (OperationCanceledException exception) when (IsCallerCancellation(exception, cancellationToken))
        {
            attempt?.Dispose();
            throw WithCallerToken(exception, cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            var error = MapTransportFailure(exception, timeout!, call.TimeoutValue);
            CallTelemetry.AttemptFailed(call, error, attempt, Logger);
            throw error;
        }
        finally
        {
            response?.Dispose();
            request?.Dispose();
            timeout?.Dispose();
            lease?.Dispose();
        }
    }

    private readonly record struct StreamEvent<T>(T? Item, ApiError? Error, bool Done);

    private sealed class StreamCall(ApiTransport transport, ApiOperation operation, HttpMethod method, string path, byte[] body, RequestOptions? requestOptions)
        : CallState(transport, operation.Name, operation.Model, method, path, body, requestOptions);

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
