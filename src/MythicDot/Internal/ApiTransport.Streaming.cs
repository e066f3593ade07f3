using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Errors;
using Polly;

namespace MythicDot.Internal;

/// <summary>Server-sent-event streams: retried until the response headers arrive (the stages of any call), never after a chunk reached the caller.</summary>
internal sealed partial class ApiTransport
{
    /// <summary>Streams the events of a call as <typeparamref name="T"/> until <c>[DONE]</c> (or the last item of a stream that names its events).</summary>
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
            var outcome = await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
            if (outcome.Exception is not null)
            {
                outcome = await RetryAsync(call, outcome, cancellationToken).ConfigureAwait(false);
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
                            events = SseParser.Create(new CappedReadStream(stream, MaxResponseBytes), (eventType, data) => EventStreamStage.ParseEvent(eventType, data, itemReader, context))
                                .EnumerateAsync(open.Timeout.Token)
                                .GetAsyncEnumerator(open.Timeout.Token);
                        }

                        // Buffered events would otherwise outrun a cancellation the caller asked for.
                        cancellationToken.ThrowIfCancellationRequested();
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            throw ErrorMapper.Connection(new IOException($"The event stream ended before {itemReader.EndName}: the answer is incomplete."));
                        }

                        next = events.Current.Data;
                    }
                    catch (OperationCanceledException exception) when (AttemptFailures.IsCallerCancellation(exception, cancellationToken))
                    {
                        throw Failed(call, AttemptFailures.WithCallerToken(exception, cancellationToken), start);
                    }
                    catch (CappedReadStream.LimitExceededException)
                    {
                        throw Failed(call, ErrorMapper.ResponseTooLarge(info.StatusCode, headers, open.Response.Content.Headers, MaxResponseBytes, apiKey), start);
                    }
                    catch (Exception exception) when (AttemptFailures.IsTransportFailure(exception, cancellationToken))
                    {
                        throw Failed(call, AttemptFailures.MapTransportFailure(exception, open.Timeout, call.TimeoutValue), start);
                    }
                    catch (Exception exception) when (CallFailed(call, exception, start))
                    {
                        throw; // never reached: the filter only records the failure
                    }

                    if (next.Skip)
                    {
                        continue;
                    }

                    if (next.Error is { } error)
                    {
                        throw Failed(call, error, start);
                    }

                    if (next.Item is { } item)
                    {
                        item.SetResponse(info);
                        last = item;
                        if (item.TelemetryUsage is not null)
                        {
                            lastWithUsage = item;
                        }
                    }

                    if (next.Done)
                    {
                        // [DONE], or the last item of a stream that names its events (message_stop), which the caller still gets.
                        CallTelemetry.CallSucceeded(call, this, lastWithUsage ?? last, info.StatusCode, start);
                        if (next.Item is { } lastItem)
                        {
                            yield return lastItem;
                        }

                        yield break;
                    }

                    yield return next.Item!;
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
}
