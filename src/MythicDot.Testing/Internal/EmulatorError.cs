namespace MythicDot.Testing.Internal;

/// <summary>The fields of an error body, before they are put in an envelope.</summary>
internal sealed record EmulatorError(int StatusCode, string Code, string Message, string? Param, double? RetryAfterSeconds)
{
    /// <summary>The code API.md documents for a status, for faults that give only a status.</summary>
    public static string DocumentedCode(int statusCode) => statusCode switch
    {
        401 => ErrorCodes.InvalidApiKey,
        403 => ErrorCodes.PermissionError,
        404 => ErrorCodes.ResourceNotFound,
        429 => ErrorCodes.RateLimitExceeded,
        503 => ErrorCodes.ServiceUnavailable,
        >= 500 => ErrorCodes.ServerError,
        _ => ErrorCodes.InvalidRequest,
    };

    /// <summary>The nested envelope's <c>type</c> for a status (assumed, in the style of the API's public pages).</summary>
    public static string NestedType(int statusCode) => statusCode switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        409 => "conflict_error",
        429 => "rate_limit_error",
        503 => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };
}
