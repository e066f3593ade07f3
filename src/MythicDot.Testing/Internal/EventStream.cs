using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MythicDot.Testing.Internal;

/// <summary>Writes a server-sent-event response: <c>data:</c> events, each flushed at once, with optional keep-alive comments between them.</summary>
internal sealed class EventStream(HttpContext http, bool keepAlive)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();
    private int _events;

    /// <summary>Sends the status and headers: 200, <c>text/event-stream</c>, no caching, no response buffering.</summary>
    public Task StartAsync()
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return response.StartAsync(http.RequestAborted);
    }

    /// <summary>Writes one <c>data:</c> event (a single line: <paramref name="data"/> holds no line break) and flushes it.</summary>
    public async Task WriteDataAsync(ReadOnlyMemory<byte> data)
    {
        var body = http.Response.Body;
        var cancellationToken = http.RequestAborted;
        if (keepAlive && _events > 0)
        {
            await body.WriteAsync(KeepAlive, cancellationToken).ConfigureAwait(false);
        }

        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        _events++;
    }
}
