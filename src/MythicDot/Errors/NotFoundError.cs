namespace MythicDot;

/// <summary>HTTP 404: the resource or model does not exist (codes <c>resource_not_found</c>, <c>model.notfound</c>, <c>provider.notfound</c>). Not retried.</summary>
public sealed class NotFoundError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="NotFoundError"/> class.</summary>
    public NotFoundError()
        : this("The resource was not found.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotFoundError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public NotFoundError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotFoundError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public NotFoundError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId(Code == ErrorCodes.ModelNotFound ? "The model does not exist or this key cannot use it. Check the model name (list them with client.Models.ListAsync)." : "The requested resource was not found: " + Message);
}
