using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MythicDot.Testing.Internal;

/// <summary>Writes a server-sent-event response: <c>data:</c> events (named ones for a Messages stream), each flushed at once, with
/// optional keep-alive comments between them.</summary>
/// <param name="http">The request's context.</param>
/// <param name="keepAlive">Whether a <c>: keep-alive</c> comment goes between events.</param>
/// <param name="namedEvents">Whether the stream names its events (<c>event: message_start</c>, ...), as a Messages stream does; a fault
/// that ends the stream writes its error event in the same style.</param>
internal sealed class EventStream(HttpContext http, bool keepAlive, bool namedEvents = false)
{
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] LineEnd = "\n"u8.ToArray();
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

    /// <summary>Gets whether the stream names its events (a Messages stream).</summary>
    public bool NamedEvents => namedEvents;

    /// <summary>Writes one <c>data:</c> event (a single line: <paramref name="data"/> holds no line break) and flushes it.</summary>
    public Task WriteDataAsync(ReadOnlyMemory<byte> data) => WriteEventAsync(null, data);

    /// <summary>Writes one event, <c>event: &lt;name&gt;</c> then its <c>data:</c> line (or only the data when <paramref name="name"/> is null), and flushes it.</summary>
    public async Task WriteEventAsync(string? name, ReadOnlyMemory<byte> data)
    {
        var body = http.Response.Body;
        var cancellationToken = http.RequestAborted;
        if (keepAlive && _events > 0)
        {
            await body.WriteAsync(KeepAlive, cancellationToken).ConfigureAwait(false);
        }

        if (name is not null)
        {
            await body.WriteAsync(EventPrefix, cancellationToken).ConfigureAwait(false);
            await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(name), cancellationToken).ConfigureAwait(false);
            await body.WriteAsync(LineEnd, cancellationToken).ConfigureAwait(false);
        }

        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        _events++;
    }
}
