using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>An error status with an error body in either envelope.</summary>
internal sealed class StatusFault(
    int statusCode,
    string? code,
    string? message,
    RetryAfterForm? retryAfter,
    ErrorEnvelope envelope,
    bool? shouldRetry,
    string? param) : EmulatorFault
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Status({statusCode}, {code ?? "(documented code)"}, {envelope}{(retryAfter is null ? string.Empty : ", " + retryAfter)}{(shouldRetry is { } retry ? ", x-should-retry: " + (retry ? "true" : "false") : string.Empty)})");

    internal override async Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        var response = context.Http.Response;
        var bodyRetryAfter = retryAfter?.Apply(response, context.State.TimeProvider.GetUtcNow());
        if (shouldRetry is { } retry)
        {
            response.Headers[EmulatorDefaults.ShouldRetryHeader] = retry ? "true" : "false";
        }

        if (statusCode == 429)
        {
            response.Headers[EmulatorDefaults.RemainingRequestsHeader] = "0";
        }

        var error = new EmulatorError(
            statusCode,
            code ?? EmulatorError.DocumentedCode(statusCode),
            message ?? ReasonPhrases.GetReasonPhrase(statusCode),
            param,
            bodyRetryAfter);
        await EmulatorResponses.WriteErrorAsync(context.Http, statusCode, error, envelope).ConfigureAwait(false);
        return false;
    }
}
