using System.Net;
using System.Net.Http.Headers;

namespace MythicDot;

/// <summary>The metadata of an API response: status, request id and headers.</summary>
public sealed class ResponseInfo
{
    private readonly HttpResponseHeaders? _headers;
    private readonly HttpContentHeaders? _contentHeaders;

    // Only to redact it where a proxy echoes it back in a header; never shown.
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    private readonly string? _apiKey;
    private Dictionary<string, string>? _headerDictionary;
    private RateLimitInfo? _rateLimits;

    /// <summary>Initializes a new instance of the <see cref="ResponseInfo"/> class, for tests.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">The response headers (names case-insensitive).</param>
    /// <param name="attempts">How many attempts the call took.</param>
    public ResponseInfo(HttpStatusCode statusCode, IReadOnlyDictionary<string, string>? headers = null, int attempts = 1)
    {
        StatusCode = statusCode;
        _headerDictionary = headers is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(headers.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase);
        Attempts = attempts;
    }

    internal ResponseInfo(HttpStatusCode statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, int attempts, string? apiKey)
    {
        StatusCode = statusCode;
        _headers = headers;
        _contentHeaders = contentHeaders;
        Attempts = attempts;
        _apiKey = apiKey;
    }

    /// <summary>Gets the HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets how many attempts the call took (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>Gets the <c>x-request-id</c> header, to quote to support.</summary>
    public string? RequestId => GetHeader(Internal.MythicDotDefaults.RequestIdHeader);

    /// <summary>Gets the rate-limit state from the <c>x-ratelimit-*</c> headers (parsed on first access).</summary>
    public RateLimitInfo RateLimits => _rateLimits ??= RateLimitInfo.FromHeaders(GetHeader);

    /// <summary>Gets the response headers and the content headers (<c>Content-Type</c>, <c>Content-Length</c>, ...): names case-insensitive,
    /// repeated values joined by commas.</summary>
    /// <remarks>The client's key, should a proxy echo it in a header, reads as <c>[redacted]</c>.</remarks>
    public IReadOnlyDictionary<string, string> Headers => _headerDictionary ??= Copy(_headers!, _contentHeaders, _apiKey);

    /// <summary>Gets one header's value, or <see langword="null"/> when the response did not carry it.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value; repeated values joined by commas.</returns>
    public string? GetHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_headerDictionary is not null)
        {
            return _headerDictionary.TryGetValue(name, out var value) ? value : null;
        }

        return _headers!.TryGetValues(name, out var values) || (_contentHeaders is not null && _contentHeaders.TryGetValues(name, out values))
            ? Errors.ErrorMapper.Redact(string.Join(", ", values), _apiKey)
            : null;
    }

    private static Dictionary<string, string> Copy(HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, string? apiKey)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(result, headers, apiKey);
        if (contentHeaders is not null)
        {
            Add(result, contentHeaders, apiKey);
        }

        return result;
    }

    private static void Add(Dictionary<string, string> result, HttpHeaders headers, string? apiKey)
    {
        foreach (var header in headers)
        {
            result[header.Key] = Errors.ErrorMapper.Redact(string.Join(", ", header.Value), apiKey)!;
        }
    }
}
