using System.Text.Json;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Messages (<c>POST /messages</c>, streamed or not, and <c>count_tokens</c>) over real sockets against the emulator.</summary>
public sealed class MessagesTests
{
    private static readonly MessageTool Weather = MessageTool.Create("get_weather", "Current weather for a city",
        """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageRequest Thinking(string text = "What is the capital of France?") =>
        new("mythic-4-thinking", 4096, text) { Thinking = MessageThinkingConfig.Enabled(2048) };

    private static string Json(IReadOnlyList<MessageContentBlock> blocks) =>
        string.Join("|", blocks.Select(b => $"{b.Type}:{b.Text}:{b.Thinking}:{b.Signature}:{b.Id?[..^6]}:{b.Name}:{b.Input?.GetRawText()}"));

    private static async Task<List<MessageStreamEvent>> CollectAsync(IAsyncEnumerable<MessageStreamEvent> stream, List<MessageStreamEvent>? into = null)
    {
        var events = into ?? [];
        await foreach (var item in stream)
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public async Task CreateAsync_Hello_EchoesTheLastUserMessage()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var message = await emulator.CreateClient().Messages.CreateAsync(new MessageRequest("mythic-4", 100, "Hello!") { System = "Be terse." }, Ct);

        Assert.Equal("msg_emulator_000001", message.Id);
        Assert.Equal("Echo: Hello!", message.Text);
        Assert.Equal(string.Empty, message.Thinking);
        Assert.Equal(MessageStopReason.EndTurn, message.StopReason);
        Assert.Equal(3, message.Usage!.InputTokens); // "Be terse." + "Hello!"
        Assert.Equal(2, message.Usage.OutputTokens);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.False(request.Headers.ContainsKey("mythicdot-beta"));
    }

    [Fact]
    public async Task CreateAsync_ThinkingEnabled_ThinkingBlockFirstAndBetaHeaderRecorded()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var message = await emulator.CreateClient().Messages.CreateAsync(Thinking(), Ct);

        Assert.Equal([MessageContentBlockType.Thinking, MessageContentBlockType.Text], message.Content.Select(b => b.Type));
        Assert.Equal("Thinking about: What is the capital of France?", message.Thinking);
        Assert.StartsWith("emulator-sig-", message.Content[0].Signature, StringComparison.Ordinal);
        Assert.Equal("Echo: What is the capital of France?", message.Text);
        Assert.Equal(8 + 7, message.Usage!.OutputTokens);
        Assert.Equal("extended-thinking-2025-01", Assert.Single(emulator.Requests).Headers["mythicdot-beta"]);
    }

    [Fact]
    public async Task CreateAsync_SameThinking_SameSignature()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var first = await client.Messages.CreateAsync(Thinking(), Ct);
        var second = await client.Messages.CreateAsync(Thinking(), Ct);

        Assert.Equal(first.Content[0].Signature, second.Content[0].Signature);
    }

    [Fact]
    public async Task CreateAsync_MaxTokensBelowReply_CutsWithMaxTokensStopReason()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var message = await emulator.CreateClient().Messages.CreateAsync(new MessageRequest("mythic-4", 3, "one two three four"), Ct);

        Assert.Equal("Echo: one two", message.Text);
        Assert.Equal(MessageStopReason.MaxTokens, message.StopReason);
    }

    [Fact]
    public async Task CreateAsync_StopSequenceInReply_CutsThereWithStopSequence()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var message = await emulator.CreateClient().Messages.CreateAsync(new MessageRequest("mythic-4", 100, "red, green, blue") { StopSequences = ["blue", "green"] }, Ct);

        Assert.Equal("Echo: red, ", message.Text);
        Assert.Equal(MessageStopReason.StopSequence, message.StopReason);
        Assert.Equal("green", message.StopSequence);
    }

    [Fact]
    public async Task CreateAsync_ToolRoundTrip_CallsTheToolThenAnswersFromItsResult()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var messages = new List<MessageParam> { MessageParam.User("What is the weather in Paris? Use get_weather.") };

        var first = await client.Messages.CreateAsync(new MessageRequest { Model = "mythic-4", MaxTokens = 200, Messages = messages, Tools = [Weather] }, Ct);

        Assert.Equal(MessageStopReason.ToolUse, first.StopReason);
        var call = Assert.Single(first.ToolUses);
        Assert.Equal("toolu_emulator_000001", call.Id);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("""{"location":"Paris"}""", call.Input!.Value.GetRawText());

        messages.Add(MessageParam.Assistant(first));
        messages.Add(MessageParam.User([MessageContentBlock.CreateToolResult(call.Id!, """{"temperature_c":18}""")]));
        var answer = await client.Messages.CreateAsync(new MessageRequest { Model = "mythic-4", MaxTokens = 200, Messages = messages, Tools = [Weather] }, Ct);

        Assert.Equal("""get_weather returned: {"temperature_c":18}""", answer.Text);
        Assert.Equal(MessageStopReason.EndTurn, answer.StopReason);
    }

    [Fact]
    public async Task CreateAsync_ToolChoiceNone_AnswersWithText()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var message = await emulator.CreateClient().Messages.CreateAsync(new MessageRequest("mythic-4", 100, "Use get_weather for Paris.") { Tools = [Weather], ToolChoice = MessageToolChoice.None }, Ct);

        Assert.Empty(message.ToolUses);
        Assert.Equal(MessageStopReason.EndTurn, message.StopReason);
    }

    [Fact]
    public async Task CreateAsync_ToolChoiceAny_CallsATool()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var message = await emulator.CreateClient().Messages.CreateAsync(new MessageRequest("mythic-4", 100, "Hi there, Ada.") { Tools = [Weather], ToolChoice = MessageToolChoice.Any }, Ct);

        Assert.Equal("get_weather", Assert.Single(message.ToolUses).Name);
    }

    [Fact]
    public async Task CountTokensAsync_SameInput_CountsWhatCreateCounts()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new MessageRequest("mythic-4", 100, "Tell me about the lighthouse at Alexandria") { System = "You are a historian." };

        var count = await client.Messages.CountTokensAsync(new MessageCountTokensRequest(request), Ct);
        var message = await client.Messages.CreateAsync(request, Ct);

        Assert.Equal(11, count.InputTokens);
        Assert.Equal(message.Usage!.InputTokens, count.InputTokens);
        Assert.Equal("/v1/messages/count_tokens", emulator.Requests[0].Path);
    }

    [Fact]
    public async Task CreateStreamingAsync_Thinking_NamedEventsInOrderWithChunkedDeltas()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = 8 }, Ct);

        var events = await CollectAsync(emulator.CreateClient().Messages.CreateStreamingAsync(Thinking("Hi"), Ct));

        Assert.Equal(
            ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Type.Value));
        Assert.Equal(["Thinking", " about: ", "Hi"], events.OfType<ContentBlockDeltaEvent>().Where(e => e.Delta!.Type == MessageContentDeltaType.ThinkingDelta).Select(e => e.Delta!.Thinking));
        Assert.Single(events.OfType<ContentBlockDeltaEvent>(), e => e.Delta!.Type == MessageContentDeltaType.SignatureDelta);
        Assert.Equal("Echo: Hi", Assert.Single(events.OfType<ContentBlockDeltaEvent>(), e => e.Index == 1).Delta!.Text);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("text/event-stream", request.Headers["Accept"]);
        Assert.StartsWith("{\"stream\":true,", request.Body, StringComparison.Ordinal);
        Assert.Equal("extended-thinking-2025-01", request.Headers["mythicdot-beta"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public async Task ToMessageAsync_Stream_EqualsTheNonStreamedMessage(int chunkSize)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = chunkSize }, Ct);
        var client = emulator.CreateClient();
        var thinking = Thinking("Tell me about the lighthouse at Alexandria 🗼");
        var tool = new MessageRequest("mythic-4", 100, "Weather in New York? Use get_weather.") { Tools = [Weather] };

        foreach (var request in new[] { thinking, tool })
        {
            var whole = await client.Messages.CreateAsync(request, Ct);
            var folded = await client.Messages.CreateStreamingAsync(request, Ct).ToMessageAsync(Ct);

            Assert.Equal(Json(whole.Content), Json(folded.Content));
            Assert.Equal(whole.StopReason, folded.StopReason);
            Assert.Equal(whole.Model, folded.Model);
            Assert.Equal(whole.Usage!.InputTokens, folded.Usage!.InputTokens);
            Assert.Equal(whole.Usage.OutputTokens, folded.Usage.OutputTokens);
        }
    }

    [Fact]
    public async Task CreateStreamingAsync_BreakAfterFirstEvent_NextCallsOnSameClientSucceed()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = 1 }, Ct);
        var client = emulator.CreateClient(o => o.MaxConcurrentRequests = 1);

        for (var i = 0; i < 3; i++)
        {
            await foreach (var item in client.Messages.CreateStreamingAsync(Thinking(), Ct))
            {
                Assert.IsType<MessageStartEvent>(item);
                break;
            }
        }

        Assert.Equal("Echo: Hi", (await client.Messages.CreateAsync(new MessageRequest("mythic-4", 10, "Hi"), Ct)).Text);
    }

    [Theory]
    [InlineData(ErrorCodes.ServiceUnavailable, typeof(ServiceUnavailableError), "overloaded_error")]
    [InlineData(ErrorCodes.RateLimitExceeded, typeof(RateLimitError), "rate_limit_error")]
    [InlineData(ErrorCodes.ServerError, typeof(InternalServerError), "api_error")]
    public async Task CreateStreamingAsync_StreamErrorFault_ThrowsTheTypedErrorOfTheAnthropicErrorEventWithoutRetry(string code, Type expected, string type)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamError(3, code, "Failed mid-stream"));
        var client = emulator.CreateClient(clock);
        var received = new List<MessageStreamEvent>();

        var error = await Assert.ThrowsAnyAsync<ApiError>(() => clock.RunUntilCompletedAsync(CollectAsync(client.Messages.CreateStreamingAsync(Thinking(), Ct), received)));

        Assert.IsType(expected, error);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal("Failed mid-stream", error.Message);
        Assert.Equal(["message_start", "ping", "content_block_start"], received.Select(e => e.Type.Value));
        Assert.Single(emulator.Requests);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public async Task Emulator_StreamErrorFaultOnMessages_SendsAnthropicErrorEvent()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamError(1, ErrorCodes.ServiceUnavailable, "Busy"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "messages"))
        {
            Content = new StringContent("""{"model":"mythic-4","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"stream":true}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", emulator.ApiKey);

        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.StartsWith("event: message_start\ndata: {\"type\":\"message_start\",", body, StringComparison.Ordinal);
        Assert.EndsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Busy\"}}\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStreamingAsync_StreamDrop_ThrowsApiConnectionErrorAfterEventsWithoutRetry()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamDrop(4));
        var client = emulator.CreateClient();
        var received = new List<MessageStreamEvent>();

        var error = await Assert.ThrowsAsync<ApiConnectionError>(() => CollectAsync(client.Messages.CreateStreamingAsync(Thinking(), Ct), received));

        Assert.Equal(4, received.Count);
        Assert.Contains("message_stop", error.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateStreamingAsync_ConnectionClosedMidStream_ThrowsApiConnectionError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamDrop(2, closeConnection: true));
        var received = new List<MessageStreamEvent>();

        await Assert.ThrowsAsync<ApiConnectionError>(() => CollectAsync(emulator.CreateClient().Messages.CreateStreamingAsync(Thinking(), Ct), received));

        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task CreateAsync_429WithRetryAfter_RetriedAfterExactlyThatLong()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Slow down", retryAfter: RetryAfterForm.Seconds(2)), "messages");
        var client = emulator.CreateClient(clock);

        var message = await clock.RunUntilCompletedAsync(client.Messages.CreateAsync(Thinking(), Ct));

        Assert.Equal("Echo: What is the capital of France?", message.Text);
        Assert.Equal(2, message.Response!.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Sleeps);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.All(emulator.Requests, r => Assert.Equal("extended-thinking-2025-01", r.Headers["mythicdot-beta"]));
    }

    [Fact]
    public async Task CreateStreamingAsync_503BeforeStream_RetriedThenStreams()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503, ErrorCodes.ServiceUnavailable, "Busy"));
        var client = emulator.CreateClient(clock);

        var message = await clock.RunUntilCompletedAsync(client.Messages.CreateStreamingAsync(Thinking(), Ct).ToMessageAsync(Ct));

        Assert.Equal("Echo: What is the capital of France?", message.Text);
        Assert.Equal(2, emulator.Requests.Count);
    }

    public static TheoryData<string, string, string> InvalidBodies() => new()
    {
        { """{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", ErrorCodes.ParameterMissing, "model" },
        { """{"model":"mythic-4","messages":[{"role":"user","content":"Hi"}]}""", ErrorCodes.ParameterMissing, "max_tokens" },
        { """{"model":"mythic-4","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""", ErrorCodes.ParameterInvalid, "max_tokens" },
        { """{"model":"mythic-4","max_tokens":10}""", ErrorCodes.ParameterMissing, "messages" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"system","content":"Hi"}]}""", ErrorCodes.ParameterInvalid, "messages[0].role" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"assistant","content":"Hi"}]}""", ErrorCodes.ParameterInvalid, "messages[0].role" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"user"}]}""", ErrorCodes.ParameterMissing, "messages[0].content" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"user","content":[{"type":"tool_result"}]}]}""", ErrorCodes.ParameterMissing, "messages[0].content[0].tool_use_id" },
        { """{"model":"mythic-4","max_tokens":2000,"messages":[{"role":"user","content":"Hi"}],"thinking":{"type":"enabled","budget_tokens":1000}}""", ErrorCodes.ParameterInvalid, "thinking.budget_tokens" },
        { """{"model":"mythic-4","max_tokens":2000,"messages":[{"role":"user","content":"Hi"}],"thinking":{"type":"enabled","budget_tokens":2000}}""", ErrorCodes.ParameterInvalid, "thinking.budget_tokens" },
        { """{"model":"mythic-4","max_tokens":2000,"messages":[{"role":"user","content":"Hi"}],"thinking":{"type":"enabled"}}""", ErrorCodes.ParameterMissing, "thinking.budget_tokens" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"temperature":1.5}""", ErrorCodes.ParameterInvalid, "temperature" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"t"}]}""", ErrorCodes.ParameterMissing, "tools[0].input_schema" },
        { """{"model":"mythic-4","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"tool_choice":{"type":"tool","name":"x"}}""", ErrorCodes.ParameterInvalid, "tool_choice.name" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Emulator_InvalidMessagesRequest_Is400NamingTheParameter(string body, string code, string param)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<BadRequestError>(() =>
            emulator.CreateClient().SendRequestAsync(HttpMethod.Post, "messages", JsonElement.Parse(body), Ct));

        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public async Task CreateAsync_UnknownModel_ThrowsNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<NotFoundError>(() => emulator.CreateClient().Messages.CreateAsync(new MessageRequest("mythic-9", 10, "Hi"), Ct));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
    }

    [Fact]
    public async Task CountTokensAsync_UnknownModel_ThrowsNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        await Assert.ThrowsAsync<NotFoundError>(() => emulator.CreateClient().Messages.CountTokensAsync(new MessageCountTokensRequest { Model = "mythic-9", Messages = [MessageParam.User("Hi")] }, Ct));
    }
}
