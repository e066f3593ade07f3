namespace MythicDot;

/// <summary>HTTP 400: the request is invalid or a parameter is missing or wrong; <see cref="ApiError.Param"/> names it when the API says. Not retried.</summary>
public class BadRequestError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="BadRequestError"/> class.</summary>
    public BadRequestError()
        : this("The request was not valid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadRequestError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public BadRequestError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadRequestError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public BadRequestError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId(Param is null ? "The request was not valid: " + Message + " Fix the request and try again." : "The request parameter '" + Param + "' is missing or not valid: " + Message + " Fix it and try again.");
}
