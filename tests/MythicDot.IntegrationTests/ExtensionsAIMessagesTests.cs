using Microsoft.Extensions.AI;
using MythicDot.Testing;
using AI = Microsoft.Extensions.AI;

namespace MythicDot.IntegrationTests;

/// <summary>The Messages-based <see cref="IChatClient"/> against the emulator: extended thinking as <see cref="TextReasoningContent"/>
/// (whole and streamed, the signature kept and sent back), a tool round trip through FunctionInvokingChatClient, and usage.</summary>
public sealed class ExtensionsAIMessagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_ReasoningEffort_ThinkingAsReasoningContentThenText()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var chat = emulator.CreateClient().AsMessagesChatClient("mythic-4-thinking", maxTokens: 2000);

        var response = await chat.GetResponseAsync("Why is the sky blue?", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } }, Ct);

        var contents = response.Messages.Single().Contents;
        var thinking = Assert.IsType<TextReasoningContent>(contents[0]);
        Assert.Equal("Thinking about: Why is the sky blue?", thinking.Text);
        Assert.False(string.IsNullOrEmpty(thinking.ProtectedData));
        Assert.Equal("Echo: Why is the sky blue?", response.Text);
        Assert.Equal(AI.ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.InputTokenCount > 0);
        var request = Assert.Single(emulator.Requests);
        Assert.Contains("\"max_tokens\":3024", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}", request.Body, StringComparison.Ordinal);
        Assert.Equal("extended-thinking-2025-01", request.Headers["mythicdot-beta"]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ThinkingStreamed_FoldsToTheSameAnswerAndReplaysTheSignature()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var chat = emulator.CreateClient().AsMessagesChatClient("mythic-4-thinking");
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium } };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Tell me more", options, Ct))
        {
            updates.Add(update);
        }

        var folded = updates.ToChatResponse();
        Assert.Equal("Echo: Tell me more", folded.Text);
        Assert.Equal("Thinking about: Tell me more", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Contains(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>(), r => !string.IsNullOrEmpty(r.ProtectedData));
        Assert.Contains(updates.SelectMany(u => u.Contents).OfType<UsageContent>(), u => u.Details.OutputTokenCount > 0);
        Assert.Equal(AI.ChatFinishReason.Stop, folded.FinishReason);

        // The whole (non-streamed) answer replayed: its thinking goes back with its signature.
        var whole = await chat.GetResponseAsync("Tell me more", options, Ct);
        await chat.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "Tell me more"), .. whole.Messages, new AI.ChatMessage(AI.ChatRole.User, "And then?")], options, Ct);
        Assert.Contains("\"type\":\"thinking\",\"thinking\":\"Thinking about: Tell me more\",\"signature\":", emulator.Requests[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionInvokingChatClient_ToolRoundTripOverMessages_AnswersWithTheResult()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var chat = new ChatClientBuilder(emulator.CreateClient().AsMessagesChatClient("mythic-4")).UseFunctionInvocation().Build();
        var weather = AIFunctionFactory.Create((string location) => $"{{\"location\":\"{location}\",\"temperature_c\":18}}", "get_weather", "Weather for a city");

        var response = await chat.GetResponseAsync("Use get_weather for Paris", new ChatOptions { Tools = [weather] }, Ct);

        Assert.StartsWith("get_weather returned: ", response.Text, StringComparison.Ordinal);
        Assert.Contains("Paris", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.Contains("\"type\":\"tool_result\"", emulator.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningBudgetAboveMaxOutputTokens_RefusedBeforeSending()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var chat = emulator.CreateClient().AsMessagesChatClient("mythic-4-thinking");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            chat.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 500, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }, Ct));

        Assert.Contains("16384", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }
}
