using MythicDot.Errors;

namespace MythicDot.Internal;

/// <summary>The stage for any non-success status: the body read up to a small cap and mapped to the typed error, whatever the call's kind.</summary>
internal static class ErrorResponseStage
{
    /// <summary>Reads the error response of the attempt in flight and maps it.</summary>
    /// <param name="call">The call, holding the response.</param>
    /// <param name="cancellationToken">The attempt's token.</param>
    /// <returns>The typed error, with the API's message, code, param, request id and wait.</returns>
    public static async Task<ApiError> ReadAsync(CallState call, CancellationToken cancellationToken)
    {
        var response = call.Response!;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MythicDotDefaults.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        BodyLog.Response(call, response.StatusCode, bytes.Span);
        return ErrorMapper.FromResponse(ErrorResponse.Of(response), bytes.Span, null, call.Transport.ErrorContext);
    }
}
