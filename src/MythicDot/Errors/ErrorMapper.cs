using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Unicode;
using MythicDot.Internal;
using MythicDot.Resilience;

namespace MythicDot.Errors;

/// <summary>The one place that turns an error response into the typed <see cref="ApiError"/> callers catch.</summary>
internal static class ErrorMapper
{
    /// <summary>Builds the typed error for a response whose status or body says the call failed.</summary>
    /// <param name="response">The status, reason phrase and headers.</param>
    /// <param name="body">The (capped) response body.</param>
    /// <param name="parsed">The body already parsed, when the caller has done so.</param>
    /// <param name="context">The clock for HTTP-date <c>Retry-After</c> values, and the key to redact wherever it is echoed.</param>
    public static ApiError FromResponse(in ErrorResponse response, ReadOnlySpan<byte> body, ErrorBody? parsed, ErrorContext context)
    {
        var (status, reasonPhrase, headers, contentHeaders) = response;
        var apiKey = context.ApiKey;
        parsed ??= ErrorBody.TryParse(body);
        var bodyText = BodyText(body, apiKey);
        var code = parsed?.Code;
        var statusCode = (int)status;
        var isSuccessStatus = statusCode is >= 200 and <= 299;
        var message = string.IsNullOrWhiteSpace(parsed?.Message) ? DefaultMessage(status, reasonPhrase, bodyText) : Redact(parsed!.Message!, apiKey)!;
        var requestId = parsed?.RequestId ?? HeaderValue(headers, MythicDotDefaults.RequestIdHeader);
        var retryAfter = RetryAfterReader.Read(headers, parsed?.RetryAfterSeconds, context.TimeProvider);
        var byCode = KindForCode(code);
        var byStatus = KindForStatus(statusCode);
        var kind = byCode ?? byStatus ?? KindForType(parsed?.Type) ?? ErrorKind.Generic;
        var retryable = IsTransient(kind, decidedByBody: byCode is not null || byStatus is null, statusCode, isSuccessStatus);
        if (HeaderValue(headers, MythicDotDefaults.ShouldRetryHeader) is { } overrideText)
        {
            if (string.Equals(overrideText.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                retryable = true;
            }
            else if (string.Equals(overrideText.Trim(), "false", StringComparison.OrdinalIgnoreCase))
            {
                retryable = false;
            }
        }

        return Create(kind, message).Populate(new ErrorDetails
        {
            StatusCode = status,
            Code = Redact(code, apiKey),
            ErrorType = Redact(parsed?.Type, apiKey),
            Param = Redact(parsed?.Param, apiKey),
            RequestId = Redact(requestId, apiKey),
            RetryAfter = retryAfter,
            ResponseBody = bodyText,
            ResponseHeaders = CollectHeaders(headers, contentHeaders, apiKey),
            IsRetryable = retryable,
        });
    }

    /// <summary>The error for a failure with no response: refused, reset, DNS, TLS, or a body cut off.</summary>
    public static ApiConnectionError Connection(Exception exception)
    {
        var error = new ApiConnectionError("Connection to the MythicDot API failed: " + exception.Message, exception);
        error.Populate(new ErrorDetails { IsRetryable = true });
        return error;
    }

    /// <summary>The error for an attempt that ran out of time; <paramref name="timeout"/> is null when the HttpClient's own timeout fired.</summary>
    public static ApiTimeoutError Timeout(TimeSpan? timeout, Exception exception)
    {
        var message = timeout is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"The request to the MythicDot API timed out after {limit.TotalSeconds:0.###} s.")
            : "The request to the MythicDot API timed out (HttpClient.Timeout elapsed).";
        var error = new ApiTimeoutError(message, exception);
        error.Populate(new ErrorDetails { IsRetryable = true });
        return error;
    }

    /// <summary>The error for a successful status whose body is not the JSON the SDK expects.</summary>
    public static ApiError UnreadableBody(HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body, Exception? exception, string? apiKey)
    {
        var text = BodyText(body, apiKey) ?? string.Empty;
        var message = DefaultMessage(status, null, text);
        message = "The API's response could not be read: " + message;
        var error = new ApiError(message, exception);
        error.Populate(new ErrorDetails
        {
            StatusCode = status,
            RequestId = Redact(HeaderValue(headers, MythicDotDefaults.RequestIdHeader), apiKey),
            ResponseBody = text,
            ResponseHeaders = CollectHeaders(headers, null, apiKey),
        });
        return error;
    }

    /// <summary>The error for a successful body larger than <see cref="MythicDotClientOptions.MaxResponseBytes"/>; nothing of it is kept.</summary>
    public static ApiError ResponseTooLarge(HttpStatusCode status, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, long limit, string? apiKey)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The API's response is larger than MaxResponseBytes ({limit:N0} bytes), so it was not read; raise MythicDotClientOptions.MaxResponseBytes to accept it.");
        var error = new ApiError(message);
        error.Populate(new ErrorDetails
        {
            StatusCode = status,
            RequestId = Redact(HeaderValue(headers, MythicDotDefaults.RequestIdHeader), apiKey),
            ResponseHeaders = CollectHeaders(headers, contentHeaders, apiKey),
        });
        return error;
    }

    /// <summary>Gets the status the API documents for an error code (or, without one, the error type of Anthropic's shape:
    /// <c>overloaded_error</c>, ...), for bodies that arrive with HTTP 200 or mid-stream.</summary>
    public static HttpStatusCode? DocumentedStatus(string? code, string? type = null) => (KindForCode(code) ?? KindForType(type)) switch
    {
        ErrorKind.Authentication => HttpStatusCode.Unauthorized,
        ErrorKind.PermissionDenied => HttpStatusCode.Forbidden,
        ErrorKind.BadRequest or ErrorKind.ContentFiltered => HttpStatusCode.BadRequest,
        ErrorKind.NotFound => HttpStatusCode.NotFound,
        ErrorKind.RateLimit => HttpStatusCode.TooManyRequests,
        ErrorKind.InternalServer => HttpStatusCode.InternalServerError,
        ErrorKind.ServiceUnavailable => HttpStatusCode.ServiceUnavailable,
        _ => null,
    };

    private static ErrorKind? KindForCode(string? code) => code switch
    {
        ErrorCodes.AuthenticationError or ErrorCodes.InvalidApiKey => ErrorKind.Authentication,
        ErrorCodes.PermissionError => ErrorKind.PermissionDenied,
        ErrorCodes.ContentFiltered => ErrorKind.ContentFiltered,
        ErrorCodes.InvalidRequest or ErrorCodes.ParameterMissing or ErrorCodes.ParameterInvalid
            or ErrorCodes.ContentTooLarge or ErrorCodes.ProviderIncompatible => ErrorKind.BadRequest,
        ErrorCodes.ResourceNotFound or ErrorCodes.ModelNotFound or ErrorCodes.ProviderNotFound => ErrorKind.NotFound,
        ErrorCodes.RateLimitExceeded or ErrorCodes.ConcurrentLimitExceeded => ErrorKind.RateLimit,
        ErrorCodes.GenerationFailed or ErrorCodes.ProviderExhausted or ErrorCodes.ServerError => ErrorKind.InternalServer,
        ErrorCodes.ServiceUnavailable => ErrorKind.ServiceUnavailable,
        _ => null,
    };

    private static ErrorKind? KindForStatus(int status) => status switch
    {
        400 => ErrorKind.BadRequest,
        401 => ErrorKind.Authentication,
        403 => ErrorKind.PermissionDenied,
        404 => ErrorKind.NotFound,
        409 => ErrorKind.Conflict,
        422 => ErrorKind.UnprocessableEntity,
        429 => ErrorKind.RateLimit,
        503 => ErrorKind.ServiceUnavailable,
        >= 500 and <= 599 => ErrorKind.InternalServer,
        _ => null,
    };

    /// <summary>The kind an error's <c>type</c> names, in the shape of Anthropic's errors (which the Messages API mirrors): what decides
    /// an error that has no code and arrived with a status that says nothing (an <c>event: error</c> mid-stream, a 200).</summary>
    private static ErrorKind? KindForType(string? type) => type switch
    {
        "invalid_request_error" or "request_too_large" => ErrorKind.BadRequest,
        "authentication_error" => ErrorKind.Authentication,
        "permission_error" => ErrorKind.PermissionDenied,
        "not_found_error" => ErrorKind.NotFound,
        "conflict_error" => ErrorKind.Conflict,
        "rate_limit_error" => ErrorKind.RateLimit,
        "api_error" => ErrorKind.InternalServer,
        "overloaded_error" => ErrorKind.ServiceUnavailable,
        _ => null,
    };

    /// <summary>Whether an error is worth another attempt, decided by the kind that also picks its type, so the two never disagree:
    /// an <see cref="AuthenticationError"/> is never retried whatever status carried it, a <see cref="RateLimitError"/> always is.</summary>
    /// <remarks>A server error typed by its status alone is retried for 500, 502 and 504 only: 501, 505 and the like do not pass with time.
    /// Of the untyped statuses only 408 (the server timed the request out) is transient.</remarks>
    private static bool IsTransient(ErrorKind kind, bool decidedByBody, int status, bool isSuccessStatus) => kind switch
    {
        ErrorKind.RateLimit or ErrorKind.ServiceUnavailable => true,
        ErrorKind.InternalServer => decidedByBody || status is 500 or 502 or 504,
        ErrorKind.Generic => !isSuccessStatus && status == 408,
        _ => false,
    };

    private static ApiError Create(ErrorKind kind, string message) => kind switch
    {
        ErrorKind.Authentication => new AuthenticationError(message),
        ErrorKind.PermissionDenied => new PermissionDeniedError(message),
        ErrorKind.ContentFiltered => new ContentFilteredError(message),
        ErrorKind.BadRequest => new BadRequestError(message),
        ErrorKind.NotFound => new NotFoundError(message),
        ErrorKind.Conflict => new ConflictError(message),
        ErrorKind.UnprocessableEntity => new UnprocessableEntityError(message),
        ErrorKind.RateLimit => new RateLimitError(message),
        ErrorKind.InternalServer => new InternalServerError(message),
        ErrorKind.ServiceUnavailable => new ServiceUnavailableError(message),
        _ => new ApiError(message),
    };

    private static string DefaultMessage(HttpStatusCode status, string? reasonPhrase, string? bodyText)
    {
        var reason = string.IsNullOrWhiteSpace(reasonPhrase) ? ReasonFor(status) : reasonPhrase;
        var head = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} ({reason})");
        if (string.IsNullOrWhiteSpace(bodyText))
        {
            return head;
        }

        var preview = bodyText.Length > MythicDotDefaults.ErrorMessageBodyPreviewChars
            ? bodyText[..MythicDotDefaults.ErrorMessageBodyPreviewChars] + "..."
            : bodyText;
        var flat = new StringBuilder(preview.Length);
        foreach (var c in preview)
        {
            flat.Append(char.IsControl(c) ? ' ' : c);
        }

        return head + ": " + flat.ToString().Trim();
    }

    private static string ReasonFor(HttpStatusCode status)
    {
        // Enum names are "BadGateway"; the message reads better as "Bad Gateway".
        var name = status.ToString();
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return "Unknown Status";
        }

        var spaced = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            // A capital after a lower-case letter starts a word; "OK" stays "OK", not "O K".
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                spaced.Append(' ');
            }

            spaced.Append(name[i]);
        }

        return spaced.ToString();
    }

    /// <summary>Decodes UTF-8, replacing invalid sequences with U+FFFD exactly as <see cref="Encoding.UTF8"/> does.</summary>
    /// <remarks><see cref="Encoding.GetString(byte[])"/> allocates about 34 bytes per invalid byte on its fallback path
    /// (2 MB for a 64 KiB body of junk); <c>Utf8.ToUtf16</c> allocates only the string (net8.0+).</remarks>
    internal static string DecodeLenient(ReadOnlySpan<byte> body)
    {
#if NETSTANDARD2_0
        return Encoding.UTF8.GetString(body);
#else
        // UTF-8 never decodes to more UTF-16 code units than it has bytes.
        var chars = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            Utf8.ToUtf16(body, chars, out _, out var written, replaceInvalidSequences: true);
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
#endif
    }

    /// <summary>The body as an error keeps it: at most <see cref="MythicDotDefaults.MaxErrorBodyBytes"/>, the key redacted.</summary>
    /// <remarks>Bodies read whole (a 200 with <c>success:false</c>, an error event mid-stream) are cut here, as error statuses are when read.</remarks>
    private static string? BodyText(ReadOnlySpan<byte> body, string? apiKey)
    {
        body = Utf8Bom.Skip(body);
        if (body.IsEmpty)
        {
            return null;
        }

        var max = MythicDotDefaults.MaxErrorBodyBytes;
        return body.Length >= max
            ? RedactCutKey(Redact(DecodeLenient(body[..max]), apiKey), apiKey)
            : Redact(DecodeLenient(body), apiKey);
    }

    // Headers are read through the non-validated view where there is one: parsing every value (what the validated view does)
    // costs more than the rest of the mapping, and an error reports its headers as the server sent them.
    private static string? HeaderValue(HttpResponseHeaders? headers, string name)
    {
#if NETSTANDARD2_0
        if (headers is null || !headers.TryGetValues(name, out var values))
#else
        if (headers is null || !headers.NonValidated.TryGetValues(name, out var values))
#endif
        {
            return null;
        }

        foreach (var value in values)
        {
            return value;
        }

        return null;
    }

    /// <summary>Removes the key from text a server sent back, so that an echoing proxy cannot put it in an error.</summary>
    internal static string? Redact(string? text, string? apiKey) =>
        text is null || string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);

    /// <summary>Redacts the start of the key where text cut short at the body cap ends with it: an echoed key cut in two by the cap.</summary>
    internal static string? RedactCutKey(string? text, string? apiKey)
    {
        if (text is null || string.IsNullOrEmpty(apiKey))
        {
            return text;
        }

        for (var length = Math.Min(apiKey.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(apiKey.AsSpan(0, length)))
            {
#if NETSTANDARD2_0
                return text.Substring(0, text.Length - length) + "[redacted]";
#else
                return string.Concat(text.AsSpan(0, text.Length - length), "[redacted]");
#endif
            }
        }

        return text;
    }

    private static Dictionary<string, string> CollectHeaders(HttpResponseHeaders? headers, HttpContentHeaders? contentHeaders, string? apiKey)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        AddHeaders(result, headers, apiKey);
        AddHeaders(result, contentHeaders, apiKey);
        return result;
    }

    /// <summary>Adds headers as the server sent them (the non-validated view where there is one), the key redacted.</summary>
    private static void AddHeaders(Dictionary<string, string> result, HttpHeaders? headers, string? apiKey)
    {
        if (headers is null)
        {
            return;
        }

#if NETSTANDARD2_0
        foreach (var header in headers)
        {
            result[header.Key] = Redact(string.Join(", ", header.Value), apiKey)!;
        }
#else
        foreach (var header in headers.NonValidated)
        {
            result[header.Key] = Redact(header.Value.ToString(), apiKey)!;
        }
#endif
    }

    private enum ErrorKind
    {
        Generic,
        BadRequest,
        ContentFiltered,
        Authentication,
        PermissionDenied,
        NotFound,
        Conflict,
        UnprocessableEntity,
        RateLimit,
        InternalServer,
        ServiceUnavailable,
    }
}
