using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using MythicDot.Errors;
using Polly;

namespace MythicDot.Internal;

/// <summary>A call answered by a server-sent-event stream: its attempts end when the response headers arrive.</summary>
internal sealed class StreamCall(ApiTransport transport, ApiRequest request, RequestOptions? requestOptions)
    : CallState<OpenStream>(transport, request, requestOptions)
{
    public override string Accept => "text/event-stream";

    public override ValueTask<Outcome<OpenStream>> ReadSuccessAsync(CancellationToken attemptToken) => EventStreamStage.OpenAsync(this, attemptToken);

    /// <summary>Hands what the attempt holds to the open stream, which releases it when the caller stops reading.</summary>
    public OpenStream Detach()
    {
        var open = new OpenStream(Request!, Response!, Timeout!, Lease);
        Request = null;
        Response = null;
        Timeout = null;
        Lease = null;
        return open;
    }
}

/// <summary>An open event stream: disposing it releases the connection and the place under the request limiter.</summary>
internal sealed class OpenStream(HttpRequestMessage request, HttpResponseMessage response, AttemptTimeout timeout, System.Threading.RateLimiting.RateLimitLease? lease) : IDisposable
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

/// <summary>What reading a stream's events needs besides their data: the response headers, and what mapping an error needs.</summary>
internal readonly record struct EventContext(HttpResponseHeaders Headers, ErrorContext Errors);

/// <summary>One event of a stream: an item, a typed error, the end (<c>[DONE]</c>, or an item that is the last one), or an event that is not for the caller.</summary>
internal readonly record struct StreamEvent<T>(T? Item, ApiError? Error, bool Done, bool Skip = false);

/// <summary>The response stage of a stream (the stream is open once a success status arrives with events), and the reading of its events.</summary>
internal static class EventStreamStage
{
    private static readonly byte[] DoneUtf8 = "[DONE]"u8.ToArray();

    /// <summary>Opens the stream of the attempt in flight, unless the body is JSON or HTML where events were expected.</summary>
    public static async ValueTask<Outcome<OpenStream>> OpenAsync(StreamCall call, CancellationToken cancellationToken)
    {
        var response = call.Response!;
        if (response.Content.Headers.ContentType?.MediaType is "application/json" or "text/html")
        {
            // A JSON body or an HTML page (a proxy's login or error page) where events were expected: an error
            // envelope, or a body the SDK cannot use. Read as events, a page yields none and looks like a dropped connection.
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MythicDotDefaults.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            BodyLog.Response(call, response.StatusCode, bytes.Span);
            return call.Failed(
                ErrorBody.TryParse(bytes.Span) is { } parsed && parsed.IsError
                    ? ErrorMapper.FromResponse(ErrorResponse.Of(response), bytes.Span, parsed, call.Transport.ErrorContext)
                    : ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, bytes.Span, null, call.Transport.Options.ApiKey));
        }

        return call.Succeeded(call.Detach(), response.StatusCode);
    }

    /// <summary>Reads one event's data.</summary>
    /// <remarks>
    /// An event is read as an item first: content chunks are nearly every event, so they are not searched for an error envelope.
    /// The reader's fast path reads only the common shape, never an envelope. Otherwise an error event in either envelope either
    /// fails to deserialize as an item or deserializes as one whose unknown fields hold its <c>error</c> or <c>success</c>
    /// member; only then is it parsed as an error.
    /// </remarks>
    public static StreamEvent<T> ParseEvent<T>(string eventType, ReadOnlySpan<byte> data, StreamItemReader<T> itemReader, EventContext context)
        where T : class
    {
        var trimmed = data.Trim(" \t\r\n"u8);
        if (!string.Equals(eventType, SseParser.EventTypeDefault, StringComparison.Ordinal))
        {
            // `event: error` is an error whatever its envelope. In a chat stream only events of the default type are items, and
            // any other named event (`event: ping` keep-alives, ...) is not for the caller; a Messages stream names every event.
            if (string.Equals(eventType, "error", StringComparison.Ordinal))
            {
                return ErrorEvent<T>(trimmed, context, anyBody: true)!.Value;
            }

            if (!itemReader.NamedEvents)
            {
                return new StreamEvent<T>(default, null, Done: false, Skip: true);
            }
        }

        if (itemReader.NamedEvents)
        {
            return NamedEvent(eventType, trimmed, itemReader, context);
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
                ?? new StreamEvent<T>(default, ErrorMapper.UnreadableBody(HttpStatusCode.OK, context.Headers, trimmed, exception, context.Errors.ApiKey), Done: false);
        }

        if (item is null)
        {
            return new StreamEvent<T>(default, ErrorMapper.UnreadableBody(HttpStatusCode.OK, context.Headers, trimmed, null, context.Errors.ApiKey), Done: false);
        }

        if (itemReader.MayBeErrorEnvelope(item)
            && ErrorEvent<T>(trimmed, context) is { } error)
        {
            return error;
        }

        return new StreamEvent<T>(item, null, Done: false);
    }

    /// <summary>Reads one event of a stream that names its events; the last item (<c>message_stop</c>) also ends the stream.</summary>
    private static StreamEvent<T> NamedEvent<T>(string eventType, ReadOnlySpan<byte> data, StreamItemReader<T> itemReader, EventContext context)
        where T : class
    {
        T? item;
        try
        {
            item = itemReader.ReadNamed(eventType, data);
        }
        catch (JsonException exception)
        {
            return ErrorEvent<T>(data, context)
                ?? new StreamEvent<T>(default, ErrorMapper.UnreadableBody(HttpStatusCode.OK, context.Headers, data, exception, context.Errors.ApiKey), Done: false);
        }

        if (item is null)
        {
            return new StreamEvent<T>(default, ErrorMapper.UnreadableBody(HttpStatusCode.OK, context.Headers, data, null, context.Errors.ApiKey), Done: false);
        }

        if (itemReader.MayBeErrorEnvelope(item) && ErrorEvent<T>(data, context) is { } error)
        {
            return error;
        }

        return new StreamEvent<T>(item, null, Done: itemReader.IsLast(item));
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
        var status = ErrorMapper.DocumentedStatus(parsed?.Code, parsed?.Type) ?? HttpStatusCode.OK;
        return new StreamEvent<T>(default, ErrorMapper.FromResponse(new ErrorResponse(status, null, context.Headers), data, parsed, context.Errors), Done: false);
    }
}
