using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>A proxy that echoes the key in a header of a successful response: the response metadata never shows it.</summary>
public sealed class SuccessHeaderKeyTests : IDisposable
{
    private const string Key = ApiHarness.ApiKey;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_KeyEchoedInAResponseHeader_RedactedInHeadersAndGetHeader()
    {
        _api.Enqueue(() => Echoing("application/json", """{"id":"c","object":"chat.completion","created":1,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"""));
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        AssertRedacted(completion.Response!);
    }

    [Fact]
    public async Task CreateStreamingAsync_KeyEchoedInAResponseHeader_RedactedOnEveryChunk()
    {
        _api.Enqueue(() => Echoing("text/event-stream", "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n"));
        var client = _api.Client();

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        AssertRedacted(Assert.Single(chunks).Response!);
    }

    private static HttpResponseMessage Echoing(string contentType, string body)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        response.Headers.TryAddWithoutValidation("x-echo-authorization", "Bearer " + Key);
        response.Headers.TryAddWithoutValidation("x-request-id", "req_1");
        return response;
    }

    private static void AssertRedacted(ResponseInfo info)
    {
        Assert.Equal("Bearer [redacted]", info.GetHeader("x-echo-authorization"));
        Assert.Equal("Bearer [redacted]", info.Headers["x-echo-authorization"]);
        Assert.Equal("req_1", info.RequestId);
        foreach (var (name, value) in info.Headers)
        {
            KeyAssert.NotIn(Key, value, "header " + name);
        }
    }
}
