using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>Runs for every request before any endpoint: records it, adds the headers every response carries,
/// serves the next queued fault, checks the key and enforces the rate limit.</summary>
internal sealed class EmulatorMiddleware(EmulatorState state)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var requestId = state.NextRequestId();
        byte[] body;
        try
        {
            // A WebSocket handshake has no body, and reading one would wait for the bytes that follow the upgrade. A multipart
            // upload is left for its endpoint to stream to disk (and recorded without its body), so that a large file is never buffered.
            body = http.WebSockets.IsWebSocketRequest || IsMultipart(http.Request) ? [] : await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away while sending; there is no one to answer.
            return;
        }

        var request = http.Request;
        var record = new RecordedRequest(
            request.Method,
            request.PathBase + request.Path,
            request.QueryString.Value ?? string.Empty,
            CopyHeaders(request.Headers),
            body,
            state.TimeProvider.GetUtcNow(),
            requestId);
        state.Record(record);

        var context = new EmulatorRequestContext(http, state, requestId, body);
        http.Features.Set(context);

        // The status is the one the client sees: taken as the headers go out, so a dropped connection leaves it unset.
        http.Response.OnStarting(static r =>
        {
            var (rec, ctx) = ((RecordedRequest, EmulatorRequestContext))r;
            if (!ctx.Dropped)
            {
                rec.Answered(ctx.Http.Response.StatusCode);
            }

            return Task.CompletedTask;
        }, (record, context));

        var limits = state.RateLimits.CountRequest();
        AddStandardHeaders(http.Response, requestId, limits);

        if (state.TakeFault(request.Path.Value ?? "/") is { } fault
            && !await fault.ApplyAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (AdminEndpoints.IsAdminRoute(request.Path))
        {
            if (AdminEndpoints.Authenticate(context) is { } adminFailure)
            {
                await context.WriteErrorAsync(adminFailure).ConfigureAwait(false);
                return;
            }
        }
        else if (AuthorizationFailure(http) is { } failure)
        {
            await context.WriteErrorAsync(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, failure).ConfigureAwait(false);
            return;
        }

        if (limits.Exceeded != RateLimitWindow.Limit.None)
        {
            // Whole seconds, rounded up, so that a client waiting exactly this long lands in the next window.
            var seconds = Math.Max(1, (int)Math.Ceiling(limits.ResetIn.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var window = state.RateLimits.DescribeLength();
            var message = limits.Exceeded == RateLimitWindow.Limit.Tokens
                ? string.Create(CultureInfo.InvariantCulture, $"Rate limit exceeded: the token limit of {limits.TokensLimit} tokens per {window} was reached. Retry in {seconds} s.")
                : string.Create(CultureInfo.InvariantCulture, $"Rate limit exceeded: {limits.RequestsLimit} requests per {window}. Retry in {seconds} s.");
            await context.WriteErrorAsync(new EmulatorError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded, message, null, seconds)).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
    }

    private static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Dictionary<string, string> CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            copy[header.Key] = string.Equals(header.Key, "Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase)
                ? RedactKeySubprotocol(header.Value.ToArray())
                : string.Join(", ", header.Value.ToArray());
        }

        return copy;
    }

    /// <summary>The subprotocols as sent, with the key of <c>mythicdot-api-key.&lt;key&gt;</c> replaced by <c>***</c>: unlike
    /// <c>Authorization</c> (which tests assert on), a key here would reach every test's output through the recorded headers.</summary>
    private static string RedactKeySubprotocol(string?[] values) =>
        string.Join(", ", values
            .SelectMany(v => (v ?? string.Empty).Split(','))
            .Select(p => p.Trim())
            .Select(p => p.StartsWith(RealtimeEndpoint.KeySubprotocolPrefix, StringComparison.Ordinal) ? RealtimeEndpoint.KeySubprotocolPrefix + "***" : p));

    private static void AddStandardHeaders(HttpResponse response, string requestId, RateLimitWindow.Snapshot limits)
    {
        var headers = response.Headers;
        var reset = RateLimitWindow.FormatDuration(limits.ResetIn);
        headers[EmulatorDefaults.RequestIdHeader] = requestId;
        headers[EmulatorDefaults.LimitRequestsHeader] = limits.RequestsLimit.ToString(CultureInfo.InvariantCulture);
        headers[EmulatorDefaults.LimitTokensHeader] = limits.TokensLimit.ToString(CultureInfo.InvariantCulture);
        headers[EmulatorDefaults.RemainingRequestsHeader] = limits.RemainingRequests.ToString(CultureInfo.InvariantCulture);
        headers[EmulatorDefaults.RemainingTokensHeader] = limits.RemainingTokens.ToString(CultureInfo.InvariantCulture);
        headers[EmulatorDefaults.ResetRequestsHeader] = reset;
        headers[EmulatorDefaults.ResetTokensHeader] = reset;
    }

    /// <summary>Says what is wrong with the request's credentials, or returns null when the key is the one accepted.</summary>
    /// <remarks>The message never repeats the key that was sent. A WebSocket handshake may carry the key in the subprotocol
    /// <c>mythicdot-api-key.&lt;key&gt;</c> instead, as browsers must.</remarks>
    private string? AuthorizationFailure(HttpContext http)
    {
        var request = http.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization) && http.WebSockets.IsWebSocketRequest
            && RealtimeEndpoint.KeyFromSubprotocols(http.WebSockets.WebSocketRequestedProtocols) is { } subprotocolKey)
        {
            return string.Equals(subprotocolKey, state.ApiKey, StringComparison.Ordinal)
                ? null
                : "Incorrect API key provided. Check the key, or create a new one.";
        }

        if (string.IsNullOrEmpty(authorization))
        {
            return http.WebSockets.IsWebSocketRequest
                ? "No API key was sent. Send it in the header 'Authorization: Bearer <key>', or in the subprotocol 'mythicdot-api-key.<key>'."
                : "No API key was sent. Send it in the header 'Authorization: Bearer <key>'.";
        }

        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'.";
        }

        return string.Equals(authorization[BearerPrefix.Length..], state.ApiKey, StringComparison.Ordinal)
            ? null
            : "Incorrect API key provided. Check the key, or create a new one.";
    }
}
