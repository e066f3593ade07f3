using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>A fake transport that answers every request with the response the current fuzz case generated.</summary>
internal sealed class FuzzHandler : HttpMessageHandler
{
    public Func<HttpResponseMessage>? Next { get; set; }

    public int Requests { get; private set; }

    /// <summary>A client on this handler: no retries and no per-attempt timer, so that a case costs microseconds.</summary>
    public MythicDotClient CreateClient(string apiKey, Action<MythicDotClientOptions>? configure = null)
    {
        var options = new MythicDotClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = new Uri("https://api.fuzz.test/v1/"),
            MaxRetries = 0,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        configure?.Invoke(options);
        return new MythicDotClient(new HttpClient(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, options);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var response = (Next ?? throw new InvalidOperationException("No response set for the case."))();
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    public static HttpResponseMessage Response(HttpStatusCode status, Stream body, string? contentType)
    {
        var content = new StreamContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return new HttpResponseMessage(status) { Content = content };
    }
}

/// <summary>
/// Serves a byte array in reads of random size (one byte up to <paramref name="maxRead"/>), so that parsers meet every
/// split of lines, escapes and UTF-8 sequences; one read in <paramref name="yieldOneIn"/> completes asynchronously
/// (0: none do, which keeps a case on one thread and costs microseconds). Counts the bytes it handed out.
/// </summary>
internal sealed class SplitStream(byte[] data, Random random, int maxRead = 4096, int yieldOneIn = 0) : ReadOnlyTestStream
{
    private int _position;

    public int BytesRead => _position;

    public override int Read(Span<byte> buffer)
    {
        var take = Math.Min(Math.Min(buffer.Length, data.Length - _position), random.Next(1, maxRead + 1));
        data.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (yieldOneIn > 0 && random.Next(yieldOneIn) == 0)
        {
            await Task.Yield();
        }

        return Read(buffer.Span);
    }
}
