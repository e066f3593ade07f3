namespace MythicDot;

/// <summary>HTTP 500 or another 5xx (codes <c>server_error</c>, <c>generation.failed</c>, <c>provider.exhausted</c>): the service failed. 500, 502 and 504 are retried with backoff.</summary>
public sealed class InternalServerError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="InternalServerError"/> class.</summary>
    public InternalServerError()
        : this("The MythicDot service failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InternalServerError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public InternalServerError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InternalServerError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public InternalServerError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The MythicDot service had a problem. Try again in a moment; if it keeps happening, contact support.");
}
