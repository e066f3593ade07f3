namespace MythicDot;

/// <summary>An attempt took longer than <see cref="MythicDotClientOptions.Timeout"/> (response headers and body included). Retried by default.</summary>
public sealed class ApiTimeoutError : ApiConnectionError
{
    /// <summary>Initializes a new instance of the <see cref="ApiTimeoutError"/> class.</summary>
    public ApiTimeoutError()
        : this("The request to the MythicDot API timed out.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiTimeoutError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public ApiTimeoutError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiTimeoutError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ApiTimeoutError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The MythicDot API did not answer in time. Try again; for long generations, raise the client's Timeout.");
}
