using System.Globalization;
using Microsoft.AspNetCore.Http;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>A stream that stops before <c>[DONE]</c>: the HTTP response ends cleanly, or the connection closes part way through it.</summary>
internal sealed class StreamDropFault(int afterChunks, bool closeConnection) : StreamFault(afterChunks)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"StreamDrop(after {AfterChunks} chunks{(closeConnection ? ", close connection" : string.Empty)})");

    internal override void PrepareResponse(HttpResponse response)
    {
        // A length the stream never reaches: ending the response short of it makes Kestrel close the connection once the
        // bytes written are sent. HttpContext.Abort() would reset it instead, and a reset can discard the chunks (even the
        // status and headers) before the client reads them, which the client would then retry.
        if (closeConnection)
        {
            response.ContentLength = int.MaxValue;
        }
    }

    // Returning ends the response: a complete chunked body without [DONE], or one cut short of its Content-Length.
    internal override Task EndStreamAsync(EmulatorRequestContext context, EventStream events) => Task.CompletedTask;
}
