namespace MythicDot;

/// <summary>The error codes the MythicDot API documents, for <c>catch (NotFoundError e) when (e.Code == ErrorCodes.ModelNotFound)</c>.</summary>
public static class ErrorCodes
{
    /// <summary><c>authentication_error</c> (401): authentication failed.</summary>
    public const string AuthenticationError = "authentication_error";

    /// <summary><c>invalid_api_key</c> (401): the key is invalid or revoked.</summary>
    public const string InvalidApiKey = "invalid_api_key";

    /// <summary><c>permission_error</c> (403): the key lacks permission for this action.</summary>
    public const string PermissionError = "permission_error";

    /// <summary><c>invalid_request</c> (400): the request is invalid or malformed.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary><c>parameter_missing</c> (400): a required parameter is missing; <see cref="ApiError.Param"/> names it.</summary>
    public const string ParameterMissing = "parameter_missing";

    /// <summary><c>parameter_invalid</c> (400): a parameter has an invalid value; <see cref="ApiError.Param"/> names it.</summary>
    public const string ParameterInvalid = "parameter_invalid";

    /// <summary><c>content_too_large</c> (400): uploaded content is over the size limit.</summary>
    public const string ContentTooLarge = "content_too_large";

    /// <summary><c>resource_not_found</c> (404): the resource was not found.</summary>
    public const string ResourceNotFound = "resource_not_found";

    /// <summary><c>model.notfound</c> (404): the model was not found.</summary>
    public const string ModelNotFound = "model.notfound";

    /// <summary><c>provider.notfound</c> (404): the provider was not found.</summary>
    public const string ProviderNotFound = "provider.notfound";

    /// <summary><c>rate_limit_exceeded</c> (429): the rate limit was exceeded.</summary>
    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary><c>concurrent_limit_exceeded</c> (429): too many concurrent requests.</summary>
    public const string ConcurrentLimitExceeded = "concurrent_limit_exceeded";

    /// <summary><c>generation.failed</c> (500): the generation failed.</summary>
    public const string GenerationFailed = "generation.failed";

    /// <summary><c>provider.incompatible</c> (400): no provider can serve this request.</summary>
    public const string ProviderIncompatible = "provider.incompatible";

    /// <summary><c>provider.exhausted</c> (500): every provider failed.</summary>
    public const string ProviderExhausted = "provider.exhausted";

    /// <summary><c>content_filtered</c> (400): blocked by the content policy.</summary>
    public const string ContentFiltered = "content_filtered";

    /// <summary><c>server_error</c> (500): an unexpected server error.</summary>
    public const string ServerError = "server_error";

    /// <summary><c>service_unavailable</c> (503): the service is temporarily unavailable.</summary>
    public const string ServiceUnavailable = "service_unavailable";
}
