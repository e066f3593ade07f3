namespace MythicDot;

/// <summary>
/// The client's own limit refused a request before it was sent: a limiter's queue was full, the request's estimated tokens can
/// never fit the <see cref="MythicDotClientOptions.TokenLimiter"/>, or a shared limit's store (Redis, for a fleet) could not be
/// reached and is configured to fail closed. Nothing was sent; it is not retried. <see cref="Limit"/> names the limit.
/// </summary>
/// <remarks>This is not the API's 429 (<see cref="RateLimitError"/>): the API never saw the request.</remarks>
public sealed class RateLimiterRejectedError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="RateLimiterRejectedError"/> class.</summary>
    public RateLimiterRejectedError()
        : this("The request was not sent: the client's rate limiter refused it.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimiterRejectedError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public RateLimiterRejectedError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimiterRejectedError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The limiter's own failure, when it threw.</param>
    public RateLimiterRejectedError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the limit that refused: <c>MaxConcurrentRequests</c>, <c>RequestLimiter</c>, <c>TokenLimiter</c> or <c>Cooldown</c>.</summary>
    public string? Limit { get; init; }

    /// <summary>Gets the permits asked for: 1 for a request limit, the estimated tokens for the token limit.</summary>
    public int Permits { get; init; }

    /// <inheritdoc />
    public override string UserMessage => RetryAfter is { } wait
        ? "Too many requests right now. Wait " + Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " seconds and try again."
        : "Too many requests right now. Wait a moment and try again.";
}
