using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Transport;

/// <summary>Success metadata holds every response and content header, as errors do.</summary>
public sealed class ResponseMetadataTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_Success_ResponseHoldsContentHeaders()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("Content-Language", "en"), ("x-request-id", "req_1"));

        var completion = await _api.RunAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var info = completion.Response!;
        Assert.Equal("application/json", info.GetHeader("Content-Type"));
        Assert.Equal("en", info.GetHeader("content-language"));
        Assert.Equal("application/json", info.Headers["Content-Type"]);
        Assert.Equal(Encoding.UTF8.GetByteCount(Bodies.ChatCompletion).ToString(System.Globalization.CultureInfo.InvariantCulture), info.Headers["Content-Length"]);
        Assert.Equal("req_1", info.Headers["x-request-id"]);
    }

    [Fact]
    public async Task CreateStreamingAsync_Success_ChunksCarryContentHeaders()
    {
        var events = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        _api.Enqueue(() => FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes(events), "text/event-stream"));

        ResponseInfo? info = null;
        await foreach (var chunk in _api.Client().Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken))
        {
            info = chunk.Response;
        }

        Assert.Equal("text/event-stream", info!.GetHeader("Content-Type"));
        Assert.Equal("text/event-stream", info.Headers["Content-Type"]);
    }

    [Fact]
    public async Task CreateAsync_KeyEchoedInAContentHeader_Redacted()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("Content-Location", "/echo?key=" + ApiHarness.ApiKey));

        var completion = await _api.RunAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("/echo?key=[redacted]", completion.Response!.GetHeader("Content-Location"));
        Assert.Equal("/echo?key=[redacted]", completion.Response.Headers["Content-Location"]);
    }
}
