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
            // One client serves every case, on the system clock: a case's 429 or "0 requests remaining" must not hold the
            // next cases (a wait longer than MaxRetryAfter holds nobody; SharedCooldownTests cover the cooldown).
            MaxRetryAfter = TimeSpan.Zero,
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
/// Serves a byte array in reads of the sizes the case's <see cref="ReadPlan"/> generated (taken in turn, over and over),
/// so that parsers meet every split of lines, escapes and UTF-8 sequences; a read whose turn in
/// <see cref="ReadPlan.Yields"/> is true completes asynchronously (none: every read completes synchronously, which keeps a
/// case on one thread and costs microseconds). Counts the bytes it handed out.
/// </summary>
internal sealed class SplitStream(byte[] data, ReadPlan plan) : ReadOnlyTestStream
{
    private int _position;
    private int _reads;

    public int BytesRead => _position;

    public override int Read(Span<byte> buffer)
    {
        var size = plan.Sizes.Length == 0 ? int.MaxValue : plan.Sizes[_reads % plan.Sizes.Length];
        _reads++;
        var take = Math.Min(Math.Min(buffer.Length, data.Length - _position), size);
        data.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (plan.Yields.Length > 0 && plan.Yields[_reads % plan.Yields.Length])
        {
            await Task.Yield();
        }

        return Read(buffer.Span);
    }
}

/// <summary>How a <see cref="SplitStream"/> hands out its bytes: part of the generated input, so that a failure shrinks it too.</summary>
internal sealed record ReadPlan(int[] Sizes, bool[] Yields)
{
    public override string ToString() =>
        "reads of [" + string.Join(",", Sizes) + "]" + (Yields.Contains(true) ? ", async on [" + string.Join(",", Yields.Select(y => y ? 1 : 0)) + "]" : string.Empty);
}
