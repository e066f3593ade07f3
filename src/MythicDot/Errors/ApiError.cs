using System.Globalization;
using System.Net;
using System.Text;

namespace MythicDot;

/// <summary>
/// The base of every error the SDK throws for a failed API call: an error response from the API, or
/// (through <see cref="ApiConnectionError"/>) no response at all.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> is the API's own message. <see cref="UserMessage"/> says what a user
/// of your application should do. The constructors are public so that tests can throw these errors.
/// </remarks>
public class ApiError : Exception
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders =
        new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);

    private int _attempts = 1;
    private HttpStatusCode? _statusCode;
    private string? _code;
    private string? _errorType;
    private string? _param;
    private string? _requestId;
    private TimeSpan? _retryAfter;
    private string? _responseBody;
    private IReadOnlyDictionary<string, string> _responseHeaders = NoHeaders;
    private bool _isRetryable;

    /// <summary>Initializes a new instance of the <see cref="ApiError"/> class.</summary>
    public ApiError()
        : this("The MythicDot API call failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public ApiError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ApiError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP status of the response, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode
    {
        get => _statusCode;
        init => _statusCode = value;
    }

    /// <summary>Gets the API's error code (for example <c>rate_limit_exceeded</c>); compare with <see cref="ErrorCodes"/>.</summary>
    public string? Code
    {
        get => _code;
        init => _code = value;
    }

    /// <summary>Gets the error type of the nested envelope (for example <c>invalid_request_error</c>), when the API sent one.</summary>
    public string? ErrorType
    {
        get => _errorType;
        init => _errorType = value;
    }

    /// <summary>Gets the request parameter the error is about (for example <c>messages</c>), when the API named one.</summary>
    public string? Param
    {
        get => _param;
        init => _param = value;
    }

    /// <summary>Gets the request id to quote to MythicDot support: from the body's <c>request_id</c>, else the <c>x-request-id</c> header.</summary>
    public string? RequestId
    {
        get => _requestId;
        init => _requestId = value;
    }

    /// <summary>Gets how long the server asked the client to wait before trying again, when it said.</summary>
    public TimeSpan? RetryAfter
    {
        get => _retryAfter;
        init => _retryAfter = value;
    }

    /// <summary>Gets the start of the response body (at most 64 KiB), for diagnostics.</summary>
    public string? ResponseBody
    {
        get => _responseBody;
        init => _responseBody = value;
    }

    /// <summary>Gets the response headers (names case-insensitive; repeated values joined by commas). Empty when no response arrived.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders
    {
        get => _responseHeaders;
        init => _responseHeaders = value ?? NoHeaders;
    }

    /// <summary>Gets how many attempts the client made before giving up (1 when the call was not retried).</summary>
    public int Attempts
    {
        get => _attempts;
        init => _attempts = value;
    }

    /// <summary>Gets a message fit to show the user of an application: what went wrong and what to do about it.</summary>
    public virtual string UserMessage => WithRequestId("The MythicDot request failed. Try again; if it keeps failing, contact support.");

    /// <summary>Gets a value indicating whether the client may retry the call that raised this error.</summary>
    internal bool IsRetryable => _isRetryable;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(GetType().FullName).Append(": ").Append(Message);
        var details = Details();
        if (details.Length > 0)
        {
            text.Append(" (").Append(details).Append(')');
        }

        if (InnerException is not null)
        {
            text.Append(" ---> ").Append(InnerException).AppendLine().Append("   --- End of inner exception stack trace ---");
        }

        if (StackTrace is not null)
        {
            text.AppendLine().Append(StackTrace);
        }

        return text.ToString();
    }

    internal void SetAttempts(int attempts) => _attempts = attempts;

    /// <summary>Fills in what the SDK read from a response; the mapper's one way to set the init-only fields.</summary>
    internal ApiError Populate(Errors.ErrorDetails details)
    {
        _statusCode = details.StatusCode;
        _code = details.Code;
        _errorType = details.ErrorType;
        _param = details.Param;
        _requestId = details.RequestId;
        _retryAfter = details.RetryAfter;
        _responseBody = details.ResponseBody;
        _responseHeaders = details.ResponseHeaders ?? NoHeaders;
        _isRetryable = details.IsRetryable;
        return this;
    }

    /// <summary>Appends the request id, which support needs, to a user message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message, with the request id when there is one.</returns>
    protected string WithRequestId(string message) =>
        RequestId is null ? message : string.Create(CultureInfo.InvariantCulture, $"{message} (Request id: {RequestId}.)");

    private string Details()
    {
        var parts = new List<string>(6);
        if (StatusCode is { } status)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}"));
        }

        if (Code is not null)
        {
            parts.Add("code: " + Code);
        }

        if (Param is not null)
        {
            parts.Add("param: " + Param);
        }

        if (RequestId is not null)
        {
            parts.Add("request id: " + RequestId);
        }

        if (RetryAfter is { } wait)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"retry after: {wait.TotalSeconds:0.###} s"));
        }

        if (Attempts > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"attempts: {Attempts}"));
        }

        return string.Join("; ", parts);
    }
}
