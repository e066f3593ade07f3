using Microsoft.Extensions.AI;

namespace MythicDot.Tests.ExtensionsAI;

/// <summary>Nulls where the API documents arrays or objects reach the adapter as gaps, never as a NullReferenceException.</summary>
public sealed class MythicDotChatClientNullToleranceTests : IDisposable
{
    private const string Path = "chat/completions";

    private readonly FakeApi _api = new();
    private readonly IChatClient _chat;

    public MythicDotChatClientNullToleranceTests()
    {
        _chat = _api.Client.AsIChatClient("mythic-4");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _chat.Dispose();
        _api.Dispose();
    }

    [Theory]
    [InlineData("\"choices\":null")]
    [InlineData("\"choices\":[null]")]
    [InlineData("\"choices\":[{\"index\":0,\"message\":null,\"finish_reason\":\"stop\"}]")]
    public async Task GetResponseAsync_NullChoicesOrMessage_GivesAnEmptyAssistantMessage(string choices)
    {
        _api.Answer(Path, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"mythic-4\"," + choices + "}");

        var response = await _chat.GetResponseAsync("Hi", null, Ct);

        var message = Assert.Single(response.Messages);
        Assert.Equal(Microsoft.Extensions.AI.ChatRole.Assistant, message.Role);
        Assert.Empty(message.Contents);
        Assert.Equal("c1", response.ResponseId);
    }

    [Fact]
    public async Task GetResponseAsync_NullToolCallEntry_IsSkipped()
    {
        _api.Answer(Path, """{"id":"c1","object":"chat.completion","created":1,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[null,{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""");

        var response = await _chat.GetResponseAsync("Hi", null, Ct);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Theory]
    [InlineData("\"choices\":null")]
    [InlineData("\"choices\":[null]")]
    [InlineData("\"choices\":[{\"index\":0,\"delta\":null}]")]
    [InlineData("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[null]}}]")]
    public async Task GetStreamingResponseAsync_ChunkWithNulls_YieldsTheRestOfTheText(string choices)
    {
        _api.AnswerStream(
            Path,
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n"
            + "data: {\"id\":\"c1\"," + choices + "}\n\n"
            + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _chat.GetStreamingResponseAsync("Hi", null, Ct))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, response.FinishReason);
        Assert.DoesNotContain(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent);
    }
}
