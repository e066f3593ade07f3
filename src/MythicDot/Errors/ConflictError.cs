namespace MythicDot;

/// <summary>HTTP 409: the request conflicts with the current state of the resource. Not retried.</summary>
public sealed class ConflictError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="ConflictError"/> class.</summary>
    public ConflictError()
        : this("The request conflicts with the current state of the resource.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConflictError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public ConflictError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConflictError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ConflictError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The request conflicts with the current state of the resource. Refresh it and try again.");
}
