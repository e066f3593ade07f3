using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Chat;

/// <summary>Only events of the default type are chunks; <c>event: error</c> is a typed error; other named events are skipped.</summary>
public sealed class ChatStreamingEventTypeTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    private static string Chunk(string content, string finish = "null") =>
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1704067200,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":" + finish + "}]}\n\n";

    private void EnqueueStream(string events) =>
        _api.Enqueue(() => FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes(events), "text/event-stream"));

    private async Task<List<ChatCompletionChunk>> ReadAllAsync()
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in _api.Client().Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task CreateStreamingAsync_PingEventsBetweenChunks_SkipsThemAndEveryChunkHasAChoice()
    {
        EnqueueStream(
            Chunk("Hel")
            + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            + "event: ping\ndata: {}\n\n"
            + Chunk("lo.")
            + "event: keepalive\ndata: \n\n"
            + Chunk("", "\"stop\"")
            + "data: [DONE]\n\n");

        var chunks = await ReadAllAsync();

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, chunk => Assert.NotEmpty(chunk.Choices));
        Assert.Equal("Hello.", string.Concat(chunks.Select(c => c.Choices[0].Delta.Content)));
    }

    [Fact]
    public async Task CreateStreamingAsync_ExplicitMessageEventType_IsAChunk()
    {
        EnqueueStream("event: message\n" + Chunk("Hi", "\"stop\"") + "data: [DONE]\n\n");

        var chunks = await ReadAllAsync();

        Assert.Equal("Hi", Assert.Single(chunks).Choices[0].Delta.Content);
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorEventWithEnvelope_ThrowsItsTypedError()
    {
        EnqueueStream(Chunk("Hel") + "event: error\ndata: {\"error\":{\"message\":\"Overloaded\",\"code\":\"service_unavailable\"}}\n\n");
        var chunks = new List<ChatCompletionChunk>();

        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(async () =>
        {
            await foreach (var chunk in _api.Client().Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken))
            {
                chunks.Add(chunk);
            }
        });

        Assert.Single(chunks);
        Assert.Equal("Overloaded", error.Message);
        Assert.Equal(ErrorCodes.ServiceUnavailable, error.Code);
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorEventWithoutEnvelope_ThrowsTheErrorItsTypeNamesWithItsMessage()
    {
        // Without a code, the type decides (Anthropic's error types, which the Messages API mirrors): overloaded is a 503.
        EnqueueStream("event: error\ndata: {\"message\":\"The stream broke\",\"type\":\"overloaded_error\"}\n\n");

        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(ReadAllAsync);

        Assert.Equal("The stream broke", error.Message);
        Assert.Equal("overloaded_error", error.ErrorType);
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorEventOfUnknownType_ThrowsApiErrorWithItsMessage()
    {
        EnqueueStream("event: error\ndata: {\"message\":\"The stream broke\",\"type\":\"mystery_error\"}\n\n");

        var error = await Assert.ThrowsAsync<ApiError>(ReadAllAsync);

        Assert.Equal("The stream broke", error.Message);
        Assert.Equal("mystery_error", error.ErrorType);
    }
}
