using MythicDot.Testing.Faults;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing;

/// <summary>
/// A failure the emulator serves instead of its normal answer. Queue one with
/// <see cref="MythicDotEmulator.EnqueueFault(EmulatorFault, string?)"/>: each request takes the next fault in the queue (first in, first out).
/// </summary>
/// <remarks>Faults are served before the key is checked, as a proxy or an overloaded server would answer.
/// Every fault that answers carries <c>x-request-id</c> and the <c>x-ratelimit-*</c> headers; flat error bodies also carry
/// <c>request_id</c>. The request is recorded in <see cref="MythicDotEmulator.Requests"/> before the fault is served.</remarks>
public abstract class EmulatorFault
{
    private protected EmulatorFault()
    {
    }

    /// <summary>Answers with an error status and an error body, as the API does.</summary>
    /// <param name="statusCode">The HTTP status, for example 429 or 503.</param>
    /// <param name="code">The error code, for example <see cref="ErrorCodes.RateLimitExceeded"/>; <see langword="null"/> for the code
    /// the API documents for <paramref name="statusCode"/> (429 <c>rate_limit_exceeded</c>, 503 <c>service_unavailable</c>, ...).</param>
    /// <param name="message">The error message; <see langword="null"/> for the status's reason phrase.</param>
    /// <param name="retryAfter">The wait to ask for, in one of its forms; <see langword="null"/> for none.</param>
    /// <param name="envelope">The body's shape; the default is <see cref="ErrorEnvelope.Nested"/> (<c>{"error":{...}}</c>, as the API's
    /// public pages show it); pass <see cref="ErrorEnvelope.Flat"/> for the error reference's <c>{"success":false,...}</c>.</param>
    /// <param name="shouldRetry">When set, sends <c>x-should-retry: true</c> or <c>false</c>, which overrides the client's retry decision.</param>
    /// <param name="param">The request parameter the error names, if any.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not in 100-599.</exception>
    public static EmulatorFault Status(
        int statusCode,
        string? code = null,
        string? message = null,
        RetryAfterForm? retryAfter = null,
        ErrorEnvelope envelope = ErrorEnvelope.Nested,
        bool? shouldRetry = null,
        string? param = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new StatusFault(statusCode, code, message, retryAfter, envelope, shouldRetry, param);
    }

    /// <summary>Answers HTTP 200 with a flat error body whose <c>success</c> is <see langword="false"/>, which the API documents as an error.</summary>
    /// <param name="code">The error code, for example <see cref="ErrorCodes.RateLimitExceeded"/>.</param>
    /// <param name="message">The error message.</param>
    /// <param name="retryAfter">The wait to ask for, in one of its forms; <see langword="null"/> for none.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault SuccessFalse(string code, string message, RetryAfterForm? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(message);
        return new SuccessFalseFault(code, message, retryAfter);
    }

    /// <summary>Answers with an HTML error page, as a proxy or load balancer in front of the API would.</summary>
    /// <param name="statusCode">The HTTP status; the default is 502 (Bad Gateway).</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not in 100-599.</exception>
    public static EmulatorFault Html(int statusCode = 502)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new HtmlFault(statusCode);
    }

    /// <summary>Drops the connection before sending any part of a response (<c>HttpContext.Abort()</c>).</summary>
    /// <returns>The fault.</returns>
    /// <remarks>The request was fully received and is recorded. The client sees a connection failure.</remarks>
    public static EmulatorFault Reset() => ResetFault.Instance;

    /// <summary>Holds the request without answering: for ever, or for <paramref name="delay"/> and then answers normally.</summary>
    /// <param name="delay">How long to hold, on the emulator's clock (<see cref="MythicDotEmulatorOptions.TimeProvider"/>);
    /// <see langword="null"/> never to answer. The hold ends early when the client goes away or the emulator is disposed.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static EmulatorFault Stall(TimeSpan? delay = null)
    {
        if (delay is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(delay));
        }

        return new StallFault(delay);
    }

    /// <summary>Answers HTTP 200 with a <c>Content-Length</c> larger than the bytes it writes, then drops the connection.</summary>
    /// <returns>The fault.</returns>
    /// <remarks>The client receives the status and headers, then a body cut off part way.</remarks>
    public static EmulatorFault TruncatedBody() => TruncatedBodyFault.Instance;

    /// <summary>Lets a streamed chat completion start, then sends an error object as a <c>data:</c> event in place of the next chunk,
    /// and ends the response without <c>[DONE]</c>. A streamed message (<c>POST /messages</c>) gets Anthropic's error event instead,
    /// <c>event: error</c> with <c>{"type":"error","error":{"type":"overloaded_error","message":...}}</c>, its <c>type</c> the one of the
    /// code's status (<c>rate_limit_error</c>, <c>overloaded_error</c>, <c>api_error</c>, ...; <paramref name="envelope"/> does not apply).</summary>
    /// <param name="afterChunks">How many chunks to send first; the role chunk counts as the first (for a message, how many events:
    /// <c>message_start</c> is the first, <c>ping</c> the second). When the stream has no more chunks than this, the error comes in place of <c>[DONE]</c>.</param>
    /// <param name="code">The error code, for example <see cref="ErrorCodes.RateLimitExceeded"/>; the default is <see cref="ErrorCodes.ServerError"/>.
    /// The stream's status was 200, so a client learns what failed from the code alone.</param>
    /// <param name="message">The error message; <see langword="null"/> for one that names the code.</param>
    /// <param name="envelope">The event's shape; the default is <see cref="ErrorEnvelope.Nested"/>; pass <see cref="ErrorEnvelope.Flat"/>
    /// for the error reference's <c>{"success":false,...}</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    /// <remarks>Only a request with <c>"stream": true</c> is affected; any other request takes the fault from the queue and is answered normally,
    /// so pass <c>path: "chat/completions"</c> to <see cref="MythicDotEmulator.EnqueueFault(EmulatorFault, string?)"/> when other calls are made too.</remarks>
    public static EmulatorFault StreamError(int afterChunks, string code = ErrorCodes.ServerError, string? message = null, ErrorEnvelope envelope = ErrorEnvelope.Nested)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        ArgumentException.ThrowIfNullOrEmpty(code);
        return new StreamErrorFault(afterChunks, EmulatorError.DocumentedStatus(code), code, message ?? $"The stream failed: {code}.", envelope);
    }

    /// <summary>Lets a streamed chat completion (or message) start, then stops it before <c>[DONE]</c> (or <c>message_stop</c>): the client
    /// must report the answer as incomplete.</summary>
    /// <param name="afterChunks">How many chunks to send first; the role chunk counts as the first (for a message, how many events:
    /// <c>message_start</c> is the first, <c>ping</c> the second). When a chat stream has no more chunks than this, only <c>[DONE]</c> is
    /// left out; a message's stream is then whole.</param>
    /// <param name="closeConnection"><see langword="false"/> to end the HTTP response properly, so that only the event stream is
    /// incomplete; <see langword="true"/> to close the connection part way through the response (it is sent with a
    /// <c>Content-Length</c> it never reaches), so that the client's HTTP stack reports the response as cut off.
    /// Either way the chunks before the drop reach the client.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterChunks"/> is negative.</exception>
    /// <remarks>Only a request with <c>"stream": true</c> is affected; see <see cref="StreamError"/>.</remarks>
    public static EmulatorFault StreamDrop(int afterChunks, bool closeConnection = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterChunks);
        return new StreamDropFault(afterChunks, closeConnection);
    }

    /// <summary>Lets a realtime session (<c>GET /v1/realtime</c>) open, then drops its connection abruptly, with no close frame, once the
    /// emulator has sent <paramref name="afterEvents"/> events: the client must report the session as failed.</summary>
    /// <param name="afterEvents">How many server events to send first; <c>session.created</c> counts as the first. 0 drops the connection
    /// right after the handshake.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterEvents"/> is negative.</exception>
    /// <remarks>Only a realtime handshake is affected; any other request takes the fault from the queue and is answered normally, so pass
    /// <c>path: "realtime"</c> to <see cref="MythicDotEmulator.EnqueueFault(EmulatorFault, string?)"/> when other calls are made too. To refuse
    /// the handshake itself, queue <see cref="Status"/> (401, 429, ...) or <see cref="Reset"/> for <c>realtime</c>.</remarks>
    public static EmulatorFault RealtimeDrop(int afterEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterEvents);
        return new RealtimeDropFault(afterEvents);
    }

    /// <summary>Serves the fault.</summary>
    /// <param name="context">The request and the emulator it arrived at.</param>
    /// <returns><see langword="true"/> when the request should then be answered normally; <see langword="false"/> when the fault was the answer.</returns>
    internal abstract Task<bool> ApplyAsync(EmulatorRequestContext context);
}
