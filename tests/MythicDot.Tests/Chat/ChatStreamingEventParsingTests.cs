using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Chat;

/// <summary>Events are read as chunks first; error envelopes must still be found whether or not they read as a chunk.</summary>
public sealed class ChatStreamingEventParsingTests
{
    private const string Url = "https://api.test/v1/chat/completions";

    private static readonly ChatCompletionRequest Request = new() { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] };

    private static MythicDotClient CreateClient(string events)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(events, Encoding.UTF8, "text/event-stream"),
        });
        return new MythicDotClient(mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-test", BaseUrl = new Uri("https://api.test/v1/"), MaxRetries = 0 });
    }

    private static async Task<List<ChatCompletionChunk>> ReadAll(MythicDotClient client)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Theory]
    [InlineData("""{"id":42,"error":{"message":"Overloaded","code":"service_unavailable"}}""")] // does not read as a chunk
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion.chunk","error":{"message":"Overloaded","code":"service_unavailable"}}""")] // reads as one
    public async Task CreateStreamingAsync_ErrorEnvelopeWithChunkFields_ThrowsTheTypedError(string errorJson)
    {
        var client = CreateClient("data: " + errorJson + "\n\n");

        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(() => ReadAll(client));

        Assert.Equal("Overloaded", error.Message);
    }

    [Fact]
    public async Task CreateStreamingAsync_ChunkWithSuccessTrueAndNullError_IsAChunk()
    {
        var client = CreateClient(
            """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1704067200,"model":"mythic-4","success":true,"error":null,"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""" + "\n\ndata: [DONE]\n\n");

        var chunks = await ReadAll(client);

        var chunk = Assert.Single(chunks);
        Assert.Equal("Hi", chunk.Choices[0].Delta.Content);
        Assert.True(chunk.AdditionalProperties!.ContainsKey("success"));
    }

    [Fact]
    public async Task CreateStreamingAsync_EventNotJsonObject_ThrowsUnreadableBodyError()
    {
        var client = CreateClient("data: not json\n\n");

        var error = await Assert.ThrowsAsync<ApiError>(() => ReadAll(client));

        Assert.StartsWith("The API's response could not be read", error.Message, StringComparison.Ordinal);
    }
}
