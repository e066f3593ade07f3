using System.Net.Http.Headers;

namespace MythicDot.Internal;

/// <summary>
/// A request body that is not JSON held in memory: a file, sent as <c>multipart/form-data</c> and streamed from its source, so that
/// a large file is never buffered. Each attempt gets a fresh <see cref="HttpContent"/>; the source is resent whole, so a call whose
/// source cannot seek back to where it started is not retried (its first failure is thrown).
/// </summary>
internal sealed class UploadContent
{
    private readonly Stream _source;
    private readonly long _start;
    private readonly string _fileName;
    private readonly string _mediaType;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _fields;
    private bool _sent;

    /// <param name="source">The file's bytes, from its current position to its end. Not disposed.</param>
    /// <param name="fileName">The file name sent in the file part's <c>Content-Disposition</c>.</param>
    /// <param name="mediaType">The file part's media type.</param>
    /// <param name="fields">The other form fields (<c>purpose</c>, ...), in order.</param>
    public UploadContent(Stream source, string fileName, string mediaType, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        _source = source;
        _start = source.CanSeek ? source.Position : 0;
        _fileName = fileName;
        _mediaType = mediaType;
        _fields = fields;
    }

    /// <summary>Gets whether another attempt can send the file again from its start.</summary>
    public bool CanResend => _source.CanSeek;

    /// <summary>Gets the file's length when the source knows it (so the request carries a <c>Content-Length</c>), else null.</summary>
    public long? Length => _source.CanSeek ? _source.Length - _start : null;

    /// <summary>Gets a line for the body log: what is sent, not its bytes.</summary>
    public string Description => $"(multipart/form-data: {string.Join(", ", _fields.Select(f => f.Key + "=" + f.Value))}, file '{_fileName}' {_mediaType}, {(Length is { } length ? length + " bytes" : "length unknown")})";

    /// <summary>Builds the body of one attempt, the file rewound to where it started.</summary>
    /// <exception cref="InvalidOperationException">The source cannot seek and was sent by an earlier attempt.</exception>
    public HttpContent Create()
    {
        if (_sent && !CanResend)
        {
            throw new InvalidOperationException("The upload's source cannot seek back, so it cannot be sent a second time.");
        }

        if (_source.CanSeek)
        {
            _source.Position = _start;
        }

        _sent = true;
        var form = new MultipartFormDataContent("mythicdot-" + Guid.NewGuid().ToString("N"));
        foreach (var field in _fields)
        {
            form.Add(new StringContent(field.Value), field.Key);
        }

        var file = new StreamContent(new NonClosingStream(_source), 81920);
        file.Headers.ContentType = new MediaTypeHeaderValue(_mediaType);
        form.Add(file, "file", _fileName);
        return form;
    }

    /// <summary>The caller's stream, which disposing the attempt's content must not close.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

#if NET
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);
#endif

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
