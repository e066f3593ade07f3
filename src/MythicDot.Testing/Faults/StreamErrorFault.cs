using System.Globalization;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>An error object as a <c>data:</c> event mid-stream, then the end of the response without <c>[DONE]</c>; in a Messages
/// stream, Anthropic's <c>event: error</c> with <c>{"type":"error","error":{"type":...,"message":...}}</c> instead (the envelope does not apply).</summary>
internal sealed class StreamErrorFault(int afterChunks, int statusCode, string code, string message, ErrorEnvelope envelope) : StreamFault(afterChunks)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"StreamError(after {AfterChunks} chunks, {code}, {envelope})");

    internal override Task EndStreamAsync(EmulatorRequestContext context, EventStream events)
    {
        var error = new EmulatorError(statusCode, code, message, null, null);
        if (events.NamedEvents)
        {
            return events.WriteEventAsync("error", EmulatorResponses.ToJson(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("type", "error");
                writer.WriteStartObject("error");
                writer.WriteString("type", EmulatorError.AnthropicType(statusCode));
                writer.WriteString("message", message);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }));
        }

        return events.WriteDataAsync(EmulatorResponses.ToJson(writer => EmulatorResponses.WriteError(writer, error, envelope, context.RequestId)));
    }
}
