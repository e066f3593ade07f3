using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MythicDot.Tests.ExtensionsAI;

/// <summary>What Microsoft.Extensions.AI 10.11's content types carry, mapped both ways: usage details, images (DataContent,
/// UriContent), refusals (ErrorContent "Refusal", as its OpenAI client surfaces them) and reasoning from an earlier turn.</summary>
public sealed class MythicDotChatClientContentTests : IDisposable
{
    private const string Path = "chat/completions";

    private readonly FakeApi _api = new();
    private readonly IChatClient _chat;

    public MythicDotChatClientContentTests()
    {
        _chat = _api.Client.AsIChatClient("mythic-4-vision");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _chat.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task GetResponseAsync_UsageDetails_MappedToUsageDetailsAndAdditionalCounts()
    {
        _api.Answer(Path, """
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":24,"audio_tokens":2},
               "completion_tokens_details":{"reasoning_tokens":5,"audio_tokens":1,"accepted_prediction_tokens":3,"rejected_prediction_tokens":4}}}
            """);

        var response = await _chat.GetResponseAsync("Hi", cancellationToken: Ct);

        var usage = response.Usage!;
        Assert.Equal(30, usage.InputTokenCount);
        Assert.Equal(12, usage.OutputTokenCount);
        Assert.Equal(42, usage.TotalTokenCount);
        Assert.Equal(24, usage.CachedInputTokenCount);
        Assert.Equal(5, usage.ReasoningTokenCount);
        Assert.Equal(2, usage.AdditionalCounts!["InputTokenDetails.AudioTokenCount"]);
        Assert.Equal(1, usage.AdditionalCounts["OutputTokenDetails.AudioTokenCount"]);
        Assert.Equal(3, usage.AdditionalCounts["OutputTokenDetails.AcceptedPredictionTokenCount"]);
        Assert.Equal(4, usage.AdditionalCounts["OutputTokenDetails.RejectedPredictionTokenCount"]);
    }

    [Fact]
    public async Task GetResponseAsync_DataAndUriContent_SentAsImageParts()
    {
        _api.Answer(Path, """{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"Two cats."},"finish_reason":"stop"}]}""");
        var photo = new DataContent(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg");
        var linked = new UriContent(new Uri("https://example.com/cat.png"), "image/png") { AdditionalProperties = new() { ["detail"] = "low" } };

        await _chat.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, [new TextContent("What are "), new TextContent("these?"), photo, linked, new TextContent("Be brief.")])], cancellationToken: Ct);

        FakeApi.AssertJsonEqual(
            """{"model":"mythic-4-vision","messages":[{"role":"user","content":[{"type":"text","text":"What are these?"},"""
            + """{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}},{"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"low"}},"""
            + """{"type":"text","text":"Be brief."}]}]}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetResponseAsync_NonImageData_RefusedBeforeSending()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            _chat.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, [new DataContent(new byte[] { 1 }, "audio/wav")])], cancellationToken: Ct));

        Assert.Contains("'audio/wav'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_Refusal_SurfacedAsErrorContentAndReplayedAsRefusal()
    {
        _api.AnswerInTurn(Path,
            """{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I cannot help with that."},"logprobs":null,"finish_reason":"stop"}]}""",
            """{"id":"c2","choices":[{"index":0,"message":{"role":"assistant","content":"OK."},"finish_reason":"stop"}]}""");

        var first = await _chat.GetResponseAsync("Do the thing", cancellationToken: Ct);
        var refusal = Assert.IsType<ErrorContent>(Assert.Single(first.Messages[0].Contents));
        Assert.Equal("I cannot help with that.", refusal.Message);
        Assert.Equal("Refusal", refusal.ErrorCode);

        await _chat.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.User, "Do the thing"), .. first.Messages, new AI.ChatMessage(AI.ChatRole.User, "Then something else")], cancellationToken: Ct);

        Assert.True(_api.Bodies[1].Contains("""{"role":"assistant","refusal":"I cannot help with that."}""", StringComparison.Ordinal), _api.Bodies[1]);
    }

    [Fact]
    public async Task GetResponseAsync_ReasoningFromAnEarlierTurn_NotSentToChatCompletions()
    {
        _api.Answer(Path, """{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"OK."},"finish_reason":"stop"}]}""");

        await _chat.GetResponseAsync([new AI.ChatMessage(AI.ChatRole.Assistant, [new TextReasoningContent("thinking..."), new TextContent("Earlier answer.")]), new AI.ChatMessage(AI.ChatRole.User, "Go on")], cancellationToken: Ct);

        FakeApi.AssertJsonEqual(
            """{"model":"mythic-4-vision","messages":[{"role":"assistant","content":"Earlier answer."},{"role":"user","content":"Go on"}]}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AsksForUsageAndSurfacesTheUsageChunkAndRefusal()
    {
        _api.AnswerStream(Path, string.Concat(new[]
        {
            """{"id":"s","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","refusal":"No"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"s","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
            """{"id":"s","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4,"prompt_tokens_details":{"cached_tokens":2}}}""",
        }.Select(e => "data: " + e + "\n\n")) + "data: [DONE]\n\n");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _chat.GetStreamingResponseAsync("Hi", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Contains("\"stream_options\":{\"include_usage\":true}", Assert.Single(_api.Bodies), StringComparison.Ordinal);
        Assert.Equal("No", Assert.IsType<ErrorContent>(Assert.Single(updates[0].Contents)).Message);
        var usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
        Assert.Equal(4, usage.TotalTokenCount);
        Assert.Equal(2, usage.CachedInputTokenCount);
        var response = updates.ToChatResponse();
        Assert.Equal(4, response.Usage!.TotalTokenCount);
    }
}
