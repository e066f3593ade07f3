namespace MythicDot;

/// <summary>HTTP 401: the API key is missing, invalid, revoked or expired. Not retried.</summary>
public sealed class AuthenticationError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="AuthenticationError"/> class.</summary>
    public AuthenticationError()
        : this("Authentication with the MythicDot API failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AuthenticationError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public AuthenticationError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AuthenticationError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public AuthenticationError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The API key was rejected. Check that MYTHICDOT_API_KEY (or MythicDotClientOptions.ApiKey) holds a valid key that has not been revoked.");
}
