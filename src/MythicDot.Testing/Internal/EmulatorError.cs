using System.Text.Json;
using Microsoft.AspNetCore.Http;

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

    /// <summary>The status API.md documents for an error code, for errors that carry only a code (a stream's error event); 500 for an unknown one.</summary>
    public static int DocumentedStatus(string code) => code switch
    {
        ErrorCodes.AuthenticationError or ErrorCodes.InvalidApiKey => 401,
        ErrorCodes.PermissionError => 403,
        ErrorCodes.InvalidRequest or ErrorCodes.ParameterMissing or ErrorCodes.ParameterInvalid or ErrorCodes.ContentTooLarge
            or ErrorCodes.ProviderIncompatible or ErrorCodes.ContentFiltered => 400,
        ErrorCodes.ResourceNotFound or ErrorCodes.ModelNotFound or ErrorCodes.ProviderNotFound => 404,
        ErrorCodes.RateLimitExceeded or ErrorCodes.ConcurrentLimitExceeded => 429,
        ErrorCodes.ServiceUnavailable => 503,
        _ => 500,
    };

    /// <summary>The nested envelope's <c>type</c>, in OpenAI's style, for an error code; for a code API.md does not document,
    /// for the status.</summary>
    /// <remarks><c>authentication_error</c> (<c>authentication_error</c>, <c>invalid_api_key</c>), <c>permission_error</c>,
    /// <c>invalid_request_error</c> (every 400 code, and the 404 codes, as OpenAI types its <c>model_not_found</c>),
    /// <c>rate_limit_error</c> (<c>rate_limit_exceeded</c>, <c>concurrent_limit_exceeded</c>) and <c>server_error</c>
    /// (<c>server_error</c>, <c>generation.failed</c>, <c>provider.exhausted</c>, <c>service_unavailable</c>). By status:
    /// 401 <c>authentication_error</c>, 403 <c>permission_error</c>, 429 <c>rate_limit_error</c>, 5xx <c>server_error</c>,
    /// anything else <c>invalid_request_error</c>.</remarks>
    public static string NestedType(string code, int statusCode) => code switch
    {
        ErrorCodes.AuthenticationError or ErrorCodes.InvalidApiKey => "authentication_error",
        ErrorCodes.PermissionError => "permission_error",
        ErrorCodes.InvalidRequest or ErrorCodes.ParameterMissing or ErrorCodes.ParameterInvalid or ErrorCodes.ContentTooLarge
            or ErrorCodes.ProviderIncompatible or ErrorCodes.ContentFiltered
            or ErrorCodes.ResourceNotFound or ErrorCodes.ModelNotFound or ErrorCodes.ProviderNotFound => "invalid_request_error",
        ErrorCodes.RateLimitExceeded or ErrorCodes.ConcurrentLimitExceeded => "rate_limit_error",
        ErrorCodes.ServerError or ErrorCodes.GenerationFailed or ErrorCodes.ProviderExhausted or ErrorCodes.ServiceUnavailable => "server_error",
        _ => statusCode switch
        {
            401 => "authentication_error",
            403 => "permission_error",
            429 => "rate_limit_error",
            >= 500 => "server_error",
            _ => "invalid_request_error",
        },
    };

    /// <summary>The <c>error.type</c> of an error event on the Messages surface, which follows Anthropic's names for a status.</summary>
    public static string AnthropicType(int statusCode) => statusCode switch
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

    /// <summary>400 <c>parameter_missing</c> naming <paramref name="param"/>.</summary>
    public static EmulatorError Missing(string param) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ParameterMissing, $"Missing required parameter: '{param}'.", param, null);

    /// <summary>400 with <paramref name="code"/> (<c>parameter_invalid</c>, <c>invalid_request</c>, ...).</summary>
    public static EmulatorError Invalid(string code, string message, string? param) =>
        new(StatusCodes.Status400BadRequest, code, message, param, null);

    /// <summary>Reads a required string property: missing, null or empty is <c>parameter_missing</c>, any other kind <c>parameter_invalid</c>.</summary>
    /// <returns>The error, or <see langword="null"/> when <paramref name="value"/> holds the string.</returns>
    public static EmulatorError? RequiredString(JsonElement root, string name, string example, out string value)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null
            || (element.ValueKind == JsonValueKind.String && element.GetString()!.Length == 0))
        {
            return Missing(name);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return Invalid(ErrorCodes.ParameterInvalid, $"'{name}' must be a string, for example \"{example}\".", name);
        }

        value = element.GetString()!;
        return null;
    }
}
