namespace MythicDot;

/// <summary>HTTP 403: the key lacks permission for this action, or the plan or account does not allow it. Not retried.</summary>
public sealed class PermissionDeniedError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="PermissionDeniedError"/> class.</summary>
    public PermissionDeniedError()
        : this("The API key does not have permission for this action.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PermissionDeniedError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public PermissionDeniedError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PermissionDeniedError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public PermissionDeniedError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("This API key is not allowed to do that. Check the key's permissions and your plan.");
}
