using System.Net;
using System.Net.Http.Headers;

namespace MythicDot.Errors;

/// <summary>What the SDK read from a response for an <see cref="ApiError"/>: the fields its public properties expose, and whether it may be retried.</summary>
internal readonly record struct ErrorDetails
{
    public HttpStatusCode? StatusCode { get; init; }

    public string? Code { get; init; }

    public string? ErrorType { get; init; }

    public string? Param { get; init; }

    public string? RequestId { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? ResponseBody { get; init; }

    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; init; }

    public bool IsRetryable { get; init; }
}

/// <summary>The parts of a response an error is mapped from, besides its body.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ReasonPhrase">The reason phrase, if any.</param>
/// <param name="Headers">The response headers.</param>
/// <param name="ContentHeaders">The content headers, if any.</param>
internal readonly record struct ErrorResponse(HttpStatusCode Status, string? ReasonPhrase, HttpResponseHeaders? Headers, HttpContentHeaders? ContentHeaders = null)
{
    public static ErrorResponse Of(HttpResponseMessage response) => new(response.StatusCode, response.ReasonPhrase, response.Headers, response.Content.Headers);
}

/// <summary>What mapping an error needs from the client.</summary>
/// <param name="TimeProvider">The clock for HTTP-date <c>Retry-After</c> values.</param>
/// <param name="ApiKey">The key the request carried, redacted wherever a server or proxy echoes it back.</param>
internal readonly record struct ErrorContext(TimeProvider TimeProvider, string? ApiKey);
