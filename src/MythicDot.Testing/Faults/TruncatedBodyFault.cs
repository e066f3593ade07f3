using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>HTTP 200 with a <c>Content-Length</c> the body never reaches, then a dropped connection.</summary>
internal sealed class TruncatedBodyFault : EmulatorFault
{
    public static readonly TruncatedBodyFault Instance = new();

    // The start of a real completion, cut off mid-string, so that a client which ignored the length would still fail to parse it.
    private static readonly byte[] Partial =
        """{"id":"chatcmpl-truncated","object":"chat.completion","created":1704067200,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"This answer is cut o"""u8.ToArray();

    public override string ToString() => "TruncatedBody()";

    internal override async Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        var response = context.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = Partial.Length * 2;
        try
        {
            await response.Body.WriteAsync(Partial, context.Http.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.Http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client is already gone.
        }

        // Ending the response short of its Content-Length makes Kestrel close the connection once the bytes written are sent.
        // Abort() would reset it instead, and a reset can discard the status and headers before the client reads them.
        return false;
    }
}
