namespace MythicDot;

/// <summary>HTTP 503 (code <c>service_unavailable</c>): the service is overloaded or under maintenance. Retried with backoff.</summary>
public sealed class ServiceUnavailableError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableError"/> class.</summary>
    public ServiceUnavailableError()
        : this("The MythicDot service is temporarily unavailable.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public ServiceUnavailableError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ServiceUnavailableError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The MythicDot service is busy or under maintenance. Try again in a few minutes.");
}
