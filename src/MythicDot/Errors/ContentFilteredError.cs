namespace MythicDot;

/// <summary>HTTP 400 with code <c>content_filtered</c>: the content policy blocked the request or the answer. Not retried.</summary>
public sealed class ContentFilteredError : BadRequestError
{
    /// <summary>Initializes a new instance of the <see cref="ContentFilteredError"/> class.</summary>
    public ContentFilteredError()
        : this("The content was blocked by the content policy.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ContentFilteredError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public ContentFilteredError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ContentFilteredError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public ContentFilteredError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => WithRequestId("The content was blocked by the content policy. Rephrase the request and try again.");
}
