using System.Buffers;

namespace MythicDot.Internal;

/// <summary>A response body read into a rented buffer; dispose to return it.</summary>
internal struct PooledBytes : IDisposable
{
    /// <summary>The largest first buffer a <c>Content-Length</c> header can ask for; a longer body grows the buffer as it arrives.</summary>
    public const int MaxInitialBytes = 256 * 1024;

    private const int DefaultInitialBytes = 16 * 1024;

    private byte[]? _buffer;

    private PooledBytes(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Span => _buffer is null ? default : _buffer.AsSpan(0, Length);

    /// <summary>Reads <paramref name="stream"/> to its end, or to <paramref name="limit"/> bytes when that comes first.</summary>
    /// <remarks>
    /// <paramref name="contentLength"/> only sizes the first buffer, and at most to <see cref="MaxInitialBytes"/>: a server can claim any
    /// length, so the buffer grows as bytes actually arrive. To tell a body of exactly some size from a longer one, ask for one byte more.
    /// </remarks>
    public static async ValueTask<PooledBytes> ReadAsync(Stream stream, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        // One byte more than announced, so that the end of the body is seen without growing the buffer.
        var initial = (int)Math.Min(contentLength is > 0 ? contentLength.Value + 1 : DefaultInitialBytes, Math.Min(MaxInitialBytes, limit));
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        var length = 0;
        try
        {
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return new PooledBytes(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            Length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
