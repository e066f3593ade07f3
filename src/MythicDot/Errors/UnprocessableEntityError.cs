namespace MythicDot;

/// <summary>HTTP 422: the request was well-formed but could not be processed. Not retried.</summary>
public sealed class UnprocessableEntityError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="UnprocessableEntityError"/> class.</summary>
    public UnprocessableEntityError()
        : this("The request could not be processed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UnprocessableEntityError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public UnprocessableEntityError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UnprocessableEntityError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public UnprocessableEntityError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The request could not be processed: " + Message);
}
