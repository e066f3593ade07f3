namespace MythicDot;

/// <summary>The API could not be reached, or the connection failed before the whole response arrived (DNS, refused, reset, TLS, body cut off). Retried by default.</summary>
public class ApiConnectionError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="ApiConnectionError"/> class.</summary>
    public ApiConnectionError()
        : this("The connection to the MythicDot API failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiConnectionError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public ApiConnectionError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiConnectionError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ApiConnectionError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("Could not reach the MythicDot API. Check the network connection and try again.");
}
