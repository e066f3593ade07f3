using System.Net;

namespace MythicDot.Tests.Infrastructure;

/// <summary>
/// A response body of any length that is generated as it is read (a prefix, then a repeated filler) and never held in
/// memory, so that a test can serve 10 MB and count how much of it the SDK actually read.
/// </summary>
public sealed class GeneratedContent : HttpContent
{
    private readonly GeneratedStream _stream;
    private readonly bool _announceLength;

    public GeneratedContent(byte[] prefix, long length, string contentType, bool announceLength = false, byte filler = (byte)'x')
    {
        _stream = new GeneratedStream(prefix, length, filler);
        _announceLength = announceLength;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    /// <summary>Gets how many bytes the reader has taken so far.</summary>
    public long BytesRead => _stream.BytesRead;

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_stream);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(_stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _stream.CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = _stream.TotalLength;
        return _announceLength;
    }

    private sealed class GeneratedStream(byte[] prefix, long length, byte filler) : ReadOnlyTestStream
    {
        private long _position;

        public long BytesRead => _position;

        public long TotalLength => length;

        public override int Read(Span<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < take; i++)
            {
                var at = _position + i;
                buffer[i] = at < prefix.Length ? prefix[at] : filler;
            }

            _position += take;
            return take;
        }
    }
}
