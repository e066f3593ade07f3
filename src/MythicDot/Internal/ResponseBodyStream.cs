namespace MythicDot.Internal;

/// <summary>The read-only body of a <see cref="StreamedContent"/>: reads the response as it arrives, turns a dropped connection into
/// <see cref="ApiConnectionError"/>, and releases the response (and what came with it) when disposed.</summary>
internal sealed class ResponseBodyStream(Stream inner, IDisposable owner, string? apiKey) : Stream
{
    private int _disposed;

    public override bool CanRead => Volatile.Read(ref _disposed) == 0;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The body is read as it arrives; StreamedContent.ContentLength has the length the server sent.");

    public override long Position
    {
        get => throw new NotSupportedException("The body is read as it arrives.");
        set => throw new NotSupportedException("The body is read as it arrives.");
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception exception) when (IsTransport(exception))
        {
            throw Dropped(exception);
        }
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        try
        {
#if NET
            return await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
#else
            return await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
#endif
        }
        catch (Exception exception) when (IsTransport(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw Dropped(exception);
        }
    }

#if NET
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransport(exception) && !cancellationToken.IsCancellationRequested)
        {
            throw Dropped(exception);
        }
    }
#endif

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The body is read as it arrives.");

    public override void SetLength(long value) => throw new NotSupportedException("The body is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The body is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            inner.Dispose();
            owner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool IsTransport(Exception exception) => exception is IOException or HttpRequestException;

    private ApiConnectionError Dropped(Exception exception) =>
        new(Errors.ErrorMapper.Redact("The connection dropped while the response body was read: " + exception.Message, apiKey)!, exception);
}
