using Microsoft.AspNetCore.Http;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>A fault that lets a streamed answer start and ends it early: it is served after <see cref="AfterChunks"/> chunks
/// instead of the next one (or of <c>[DONE]</c> when the stream has no more).</summary>
/// <remarks>A request that does not stream takes the fault from the queue and is answered normally.</remarks>
internal abstract class StreamFault(int afterChunks) : EmulatorFault
{
    public int AfterChunks { get; } = afterChunks;

    internal override Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        context.StreamFault = this;
        return Task.FromResult(true);
    }

    /// <summary>Adjusts the response before its headers are sent.</summary>
    internal virtual void PrepareResponse(HttpResponse response)
    {
    }

    /// <summary>Ends the stream in place of the rest of it; the status, headers and <see cref="AfterChunks"/> chunks are already sent.</summary>
    internal abstract Task EndStreamAsync(EmulatorRequestContext context, EventStream events);
}
