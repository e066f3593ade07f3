namespace MythicDot;

/// <summary>
/// A response body read as it arrives (a file's content, an export), with the response it came in. <see cref="Stream"/> is read-only
/// and holds the HTTP response until this is disposed; a connection that drops while the caller reads surfaces as
/// <see cref="ApiConnectionError"/>.
/// </summary>
/// <remarks>Dispose it (<c>await using</c>) to release the connection; reading to the end does not.</remarks>
public sealed class StreamedContent : ApiResponse, IDisposable, IAsyncDisposable
{
    internal StreamedContent(Stream stream, string? contentType, long? contentLength)
    {
        Stream = stream;
        ContentType = contentType;
        ContentLength = contentLength;
    }

    /// <summary>Gets the body, to read once from the start.</summary>
    public Stream Stream { get; }

    /// <summary>Gets the body's media type, as the server sent it.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the body's length in bytes, when the server sent it.</summary>
    public long? ContentLength { get; }

    /// <summary>Copies the rest of the body to <paramref name="destination"/> as it arrives.</summary>
    /// <param name="destination">Where to write, for example a <see cref="FileStream"/>.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when the body has been copied.</returns>
    /// <exception cref="ApiConnectionError">The connection dropped before the end of the body.</exception>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return Stream.CopyToAsync(destination, 81920, cancellationToken);
    }

    /// <summary>Releases the connection.</summary>
    public void Dispose() => Stream.Dispose();

    /// <summary>Releases the connection.</summary>
    /// <returns>A task that completes when it is released.</returns>
    public ValueTask DisposeAsync()
    {
        Stream.Dispose();
        return default;
    }
}
