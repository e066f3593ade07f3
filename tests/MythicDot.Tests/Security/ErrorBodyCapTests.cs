using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>An error body is read and kept only up to 64 KiB, however much the server sends, on every error path.</summary>
public sealed class ErrorBodyCapTests : IDisposable
{
    private const int Cap = 64 * 1024;
    private const long TenMegabytes = 10L * 1024 * 1024;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateAsync_TenMegabyteErrorBody_ReadsAndKeepsAtMost64KiB(bool announceLength)
    {
        var body = new GeneratedContent("<html><body>"u8.ToArray(), TenMegabytes, "text/html", announceLength);
        _api.Enqueue(() => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = body });
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<InternalServerError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.InRange(body.BytesRead, 1, Cap);
        Assert.InRange(error.ResponseBody!.Length, 1, Cap);
        Assert.StartsWith("HTTP 500 (Internal Server Error): <html><body>xxx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStreamingAsync_TenMegabyteErrorStatus_ReadsAndKeepsAtMost64KiB()
    {
        var body = new GeneratedContent("{\"error\":{\"message\":\"overloaded"u8.ToArray(), TenMegabytes, "application/json");
        _api.Enqueue(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = body });
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<ServiceUnavailableError>(ReadAllAsync(client));

        Assert.InRange(body.BytesRead, 1, Cap);
        Assert.InRange(error.ResponseBody!.Length, 1, Cap);
    }

    [Fact]
    public async Task CreateStreamingAsync_TenMegabyteJsonWhereEventsWereExpected_ReadsAndKeepsAtMost64KiB()
    {
        var body = new GeneratedContent("{\"success\":false,\"message\":\"no"u8.ToArray(), TenMegabytes, "application/json");
        _api.Enqueue(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = body });
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.CatchAsync(ReadAllAsync(client));

        Assert.InRange(body.BytesRead, 1, Cap);
        Assert.InRange(error.ResponseBody!.Length, 1, Cap);
    }

    [Fact]
    public async Task CreateAsync_LargeSuccessFalseBodyWithStatus200_KeepsAtMost64KiB()
    {
        // A 200 is read whole (it could be a large success), but an error made from it keeps only the cap.
        var json = "{\"success\":false,\"code\":\"server_error\",\"message\":\"failed\",\"detail\":\"" + new string('x', 1024 * 1024) + "\"}";
        _api.Enqueue(HttpStatusCode.OK, json);
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<InternalServerError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("failed", error.Message);
        Assert.InRange(error.ResponseBody!.Length, 1, Cap);
    }

    [Fact]
    public async Task CreateStreamingAsync_LargeErrorEventMidStream_KeepsAtMost64KiB()
    {
        var events = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
            + "data: {\"error\":{\"message\":\"stream failed\",\"code\":\"server_error\",\"detail\":\"" + new string('x', 1024 * 1024) + "\"}}\n\n";
        _api.EnqueueBytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes(events), "text/event-stream");
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<InternalServerError>(ReadAllAsync(client));

        Assert.Equal("stream failed", error.Message);
        Assert.InRange(error.ResponseBody!.Length, 1, Cap);
    }

    [Fact]
    public async Task CreateAsync_LargeUnreadableSuccessBody_KeepsAtMost64KiB()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes("<html>" + new string('x', 1024 * 1024)), "text/html");
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<ApiError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.InRange(error.ResponseBody!.Length, 1, Cap);
    }

    private static async Task ReadAllAsync(MythicDotClient client)
    {
        await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest()))
        {
        }
    }
}
