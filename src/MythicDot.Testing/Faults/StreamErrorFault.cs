using System.Globalization;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>An error object as a <c>data:</c> event mid-stream, then the end of the response without <c>[DONE]</c>.</summary>
internal sealed class StreamErrorFault(int afterChunks, int statusCode, string code, string message, ErrorEnvelope envelope) : StreamFault(afterChunks)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"StreamError(after {AfterChunks} chunks, {code}, {envelope})");

    internal override Task EndStreamAsync(EmulatorRequestContext context, EventStream events)
    {
        var error = new EmulatorError(statusCode, code, message, null, null);
        return events.WriteDataAsync(EmulatorResponses.ToJson(writer => EmulatorResponses.WriteError(writer, error, envelope, context.RequestId)));
    }
}
