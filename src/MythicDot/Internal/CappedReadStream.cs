namespace MythicDot.Internal;

/// <summary>A read-only view of a response stream that fails once more than a limit of bytes has arrived, so that an endless event
/// stream cannot grow a parser's buffers without bound (<see cref="MythicDotClientOptions.MaxResponseBytes"/>).</summary>
internal sealed class CappedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
#if NETSTANDARD2_0
        Count(await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));
#else
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));
#endif

#if !NETSTANDARD2_0
    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
#endif

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new LimitExceededException() : read;
    }

    /// <summary>Thrown when the limit is passed; the transport turns it into the <see cref="ApiError"/> naming the limit.</summary>
    internal sealed class LimitExceededException : IOException
    {
        public LimitExceededException()
            : base("The response is larger than MaxResponseBytes.")
        {
        }

        public LimitExceededException(string message)
            : base(message)
        {
        }

        public LimitExceededException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
