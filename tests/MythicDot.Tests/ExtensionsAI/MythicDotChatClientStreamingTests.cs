using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MythicDot.Tests.ExtensionsAI;

public sealed class MythicDotChatClientStreamingTests : IDisposable
{
    private const string Path = "chat/completions";

    private readonly FakeApi _api = new();
    private readonly IChatClient _chat;

    public MythicDotChatClientStreamingTests()
    {
        _chat = _api.Client.AsIChatClient("mythic-4");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _chat.Dispose();
        _api.Dispose();
    }

    private static string Chunk(string deltaJson, string finish = "null", string usage = "") =>
        $$"""data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1704067200,"model":"mythic-4","choices":[{"index":0,"delta":{{deltaJson}},"finish_reason":{{finish}}}]{{usage}}}""" + "\n\n";

    private const string Done = "data: [DONE]\n\n";

    private async Task<List<ChatResponseUpdate>> StreamAsync(string events, ChatOptions? options = null)
    {
        _api.AnswerStream(Path, events);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _chat.GetStreamingResponseAsync("Hi", options, Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TextStream_YieldsTextDeltasWithRoleIdsAndFinishReason()
    {
        var updates = await StreamAsync(
            Chunk("""{"role":"assistant","content":""}""") + Chunk("""{"content":"Hel"}""") + Chunk("""{"content":"lo."}""") + Chunk("{}", "\"stop\"") + Done,
            new ChatOptions { Temperature = 0.5f });

        Assert.Equal("""{"stream":true,"model":"mythic-4","messages":[{"role":"user","content":"Hi"}],"temperature":0.5,"stream_options":{"include_usage":true}}""", Assert.Single(_api.Bodies));
        Assert.Equal(4, updates.Count);
        Assert.Equal("Hello.", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u =>
        {
            Assert.Equal(AI.ChatRole.Assistant, u.Role);
            Assert.Equal("chatcmpl-1", u.ResponseId);
            Assert.Equal("chatcmpl-1", u.MessageId);
            Assert.Equal("mythic-4", u.ModelId);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704067200), u.CreatedAt);
            Assert.IsType<ChatCompletionChunk>(u.RawRepresentation);
        });
        Assert.Equal(new AI.ChatFinishReason?[] { null, null, null, AI.ChatFinishReason.Stop }, updates.Select(u => u.FinishReason));
        Assert.Empty(updates[0].Contents);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamedToolCall_EmitsOneWholeFunctionCallWithTheFinishReason()
    {
        var updates = await StreamAsync(
            Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}""")
            + Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}""")
            + Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}""")
            + Chunk("""{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}""")
            + Chunk("{}", "\"tool_calls\"")
            + Done);

        Assert.All(updates.Take(4), u => Assert.Empty(u.Contents));
        var last = updates[^1];
        Assert.Equal(AI.ChatFinishReason.ToolCalls, last.FinishReason);
        var calls = last.Contents.Cast<FunctionCallContent>().ToList();
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.CallId));
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Empty(calls[1].Arguments!);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallsWithoutFinishReason_EmitsThemAfterTheLastChunk()
    {
        var updates = await StreamAsync(
            Chunk("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{}"}}]}""")
            + Done);

        Assert.Equal(2, updates.Count);
        Assert.Equal("call_1", Assert.IsType<FunctionCallContent>(Assert.Single(updates[1].Contents)).CallId);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UsageOnLastChunk_YieldsUsageContent()
    {
        var updates = await StreamAsync(
            Chunk("""{"role":"assistant","content":"Hi"}""")
            + Chunk("{}", "\"stop\"", usage: ""","usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}""")
            + Done);

        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal(5, usage.InputTokenCount);
        Assert.Equal(1, usage.OutputTokenCount);
        Assert.Equal(6, usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UpdatesFoldedByExtensionsAI_GiveTheWholeResponse()
    {
        _api.AnswerStream(Path,
            Chunk("""{"role":"assistant","content":"Let me check. "}""")
            + Chunk("""{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}""")
            + Chunk("{}", "\"tool_calls\"", usage: ""","usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14}""")
            + Done);

        var response = await _chat.GetStreamingResponseAsync("Weather?", cancellationToken: Ct).ToChatResponseAsync(Ct);

        var message = Assert.Single(response.Messages);
        Assert.Equal("Let me check. ", message.Text);
        Assert.Equal("call_1", Assert.Single(message.Contents.OfType<FunctionCallContent>()).CallId);
        Assert.Equal(AI.ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("chatcmpl-1", response.ResponseId);
        Assert.Equal(14, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public void GetStreamingResponseAsync_UnsupportedOption_ThrowsAtTheCallAndSendsNothing()
    {
        var error = Assert.Throws<NotSupportedException>(() => _chat.GetStreamingResponseAsync("Hi", new ChatOptions { TopK = 5 }, Ct));

        Assert.Contains("ChatOptions.TopK", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ErrorEventMidStream_ThrowsTheTypedErrorUnwrapped()
    {
        _api.AnswerStream(Path, Chunk("""{"role":"assistant","content":"Hi"}""") + """data: {"success":false,"message":"Blocked","code":"content_filtered"}""" + "\n\n");
        var received = 0;

        var error = await Assert.ThrowsAsync<ContentFilteredError>(async () =>
        {
            await foreach (var update in _chat.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
            {
                received++;
            }
        });

        Assert.Equal(1, received);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }
}
