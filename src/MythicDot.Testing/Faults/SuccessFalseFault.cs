using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>HTTP 200 whose flat body says <c>"success": false</c>.</summary>
internal sealed class SuccessFalseFault(string code, string message, RetryAfterForm? retryAfter) : EmulatorFault
{
    public override string ToString() => $"SuccessFalse({code}{(retryAfter is null ? string.Empty : ", " + retryAfter)})";

    internal override async Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        var bodyRetryAfter = retryAfter?.Apply(context.Http.Response, context.State.TimeProvider.GetUtcNow());
        var error = new EmulatorError(200, code, message, null, bodyRetryAfter);
        await EmulatorResponses.WriteErrorAsync(context.Http, 200, error, ErrorEnvelope.Flat).ConfigureAwait(false);
        return false;
    }
}
