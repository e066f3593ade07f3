namespace MythicDot;

/// <summary>HTTP 429 (codes <c>rate_limit_exceeded</c>, <c>concurrent_limit_exceeded</c>): too many requests or tokens. Retried after the wait the server asks for (<see cref="ApiError.RetryAfter"/>).</summary>
public sealed class RateLimitError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="RateLimitError"/> class.</summary>
    public RateLimitError()
        : this("The rate limit was exceeded.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public RateLimitError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public RateLimitError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId(RetryAfter is { } wait ? "Too many requests. Wait " + Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " seconds and try again." : "Too many requests. Wait a moment and try again, or send requests less often.");
}
