using System.Net;
using System.Text.Json;
using MythicDot.Serialization;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Messages;

public sealed class MessagesClientTests : IDisposable
{
    private const string MessagesUrl = "https://api.mythicdot.test/v1/messages";

    private const string ThinkingReply = """
        {"id":"msg_01","type":"message","role":"assistant","model":"mythic-4-thinking",
         "content":[{"type":"thinking","thinking":"Let me think. ","signature":"sig=="},{"type":"thinking","thinking":"Done.","signature":"sig2"},
                    {"type":"text","text":"Paris","citations":null},{"type":"text","text":" is the capital."},
                    {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"q":"x"}},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":12,"output_tokens":34,"cache_creation_input_tokens":0,"cache_read_input_tokens":5,"service_tier":"standard"},
         "container":{"id":"c1"}}
        """;

    private readonly ApiHarness _api = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _api.Dispose();

    private static MessageRequest Hello() => new("mythic-4", 100, "Hello!");

    [Fact]
    public async Task CreateAsync_EveryField_SendsExactJson()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var request = new MessageRequest
        {
            Model = "mythic-4-thinking",
            MaxTokens = 16000,
            System = "You are terse.",
            Messages =
            [
                MessageParam.User([MessageContentBlock.CreateText("What's this?"), MessageContentBlock.CreateImageFromBytes(new byte[] { 1, 2, 3 }, "image/PNG"),
                    MessageContentBlock.CreateImageFromUrl(new Uri("https://img.test/a.png"))]),
                MessageParam.Assistant([MessageContentBlock.CreateThinking("Hmm", "sig"), MessageContentBlock.CreateRedactedThinking("enc"),
                    MessageContentBlock.CreateToolUse("toolu_1", "get_weather", JsonElement.Parse("""{"location":"Paris"}"""))]),
                MessageParam.User([MessageContentBlock.CreateToolResult("toolu_1", "18C", isError: true),
                    MessageContentBlock.CreateToolResult("toolu_2", [MessageContentBlock.CreateText("ok")])]),
                MessageParam.Assistant("Sure"),
            ],
            Tools = [MessageTool.Create("get_weather", "Weather", """{"type":"object","properties":{"location":{"type":"string"}}}""")],
            ToolChoice = MessageToolChoice.ForTool("get_weather"),
            Thinking = MessageThinkingConfig.Enabled(10000),
            StopSequences = ["\n\nHuman:"],
            Temperature = 1,
            TopP = 0.9,
            TopK = 40,
            Metadata = new MessageMetadata { UserId = "u-1" },
            AdditionalProperties = new Dictionary<string, JsonElement> { ["service_tier"] = JsonElement.Parse("\"auto\"") },
        };

        await _api.RunAsync(_api.Client().Messages.CreateAsync(request, Ct));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(MessagesUrl, sent.Uri.ToString());
        Assert.Equal(
            """{"model":"mythic-4-thinking","max_tokens":16000,"system":"You are terse.","messages":["""
            + """{"role":"user","content":[{"type":"text","text":"What\u0027s this?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},{"type":"image","source":{"type":"url","url":"https://img.test/a.png"}}]},"""
            + """{"role":"assistant","content":[{"type":"thinking","thinking":"Hmm","signature":"sig"},{"type":"redacted_thinking","data":"enc"},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}}]},"""
            + """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C","is_error":true},{"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"ok"}]}]},"""
            + """{"role":"assistant","content":"Sure"}]"""
            + ""","tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"location":{"type":"string"}}}}]"""
            + ""","tool_choice":{"type":"tool","name":"get_weather"},"thinking":{"type":"enabled","budget_tokens":10000},"stop_sequences":["\n\nHuman:"]"""
            + ""","temperature":1,"top_p":0.9,"top_k":40,"metadata":{"user_id":"u-1"},"service_tier":"auto"}""",
            sent.BodyText);
        Assert.Equal("application/json", sent.Header("Accept"));
    }

    [Fact]
    public async Task CreateAsync_SystemBlocks_SendsAnArrayOfTextBlocks()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var request = Hello();
        request.SystemBlocks = [MessageContentBlock.CreateText("Be terse.")];

        await _api.RunAsync(_api.Client().Messages.CreateAsync(request, Ct));

        Assert.Equal("""{"model":"mythic-4","max_tokens":100,"system":[{"type":"text","text":"Be terse."}],"messages":[{"role":"user","content":"Hello!"}]}""", _api.Requests[0].BodyText);
    }

    [Fact]
    public async Task CreateAsync_ThinkingEnabled_SendsTheBetaHeader()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var request = new MessageRequest("mythic-4-thinking", 16000, "Why?") { Thinking = MessageThinkingConfig.Enabled(10000) };

        await _api.RunAsync(_api.Client().Messages.CreateAsync(request, Ct));

        Assert.Equal("extended-thinking-2025-01", _api.Requests[0].Header("mythicdot-beta"));
    }

    [Fact]
    public async Task CreateAsync_ThinkingOffOrDisabled_SendsNoBetaHeader()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var client = _api.Client();

        await _api.RunAsync(client.Messages.CreateAsync(Hello(), Ct));
        var disabled = Hello();
        disabled.Thinking = MessageThinkingConfig.Disabled();
        await _api.RunAsync(client.Messages.CreateAsync(disabled, Ct));

        Assert.All(_api.Requests, r => Assert.Null(r.Header("mythicdot-beta")));
        Assert.Contains("\"thinking\":{\"type\":\"disabled\"}", _api.Requests[1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_CallersBetaHeaderPerCall_IsSentInsteadOfTheThinkingBeta()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var request = new MessageRequest("mythic-4-thinking", 16000, "Why?") { Thinking = MessageThinkingConfig.Enabled(10000) };
        var options = new RequestOptions();
        options.Headers["mythicdot-beta"] = "extended-thinking-2025-01,other-feature";

        await _api.RunAsync(_api.Client().Messages.CreateAsync(request, options, Ct));

        Assert.Equal("extended-thinking-2025-01,other-feature", _api.Requests[0].Header("mythicdot-beta"));
    }

    [Fact]
    public async Task CreateAsync_CallersDefaultBetaHeader_IsSentInsteadOfTheThinkingBeta()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var request = new MessageRequest("mythic-4-thinking", 16000, "Why?") { Thinking = MessageThinkingConfig.Enabled(10000) };

        await _api.RunAsync(_api.Client(o => o.DefaultHeaders["MythicDot-Beta"] = "my-feature").Messages.CreateAsync(request, Ct));

        Assert.Equal("my-feature", _api.Requests[0].Header("mythicdot-beta"));
    }

    [Fact]
    public async Task CreateAsync_FullResponse_ReadsBlocksHelpersAndKeepsUnknownFields()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply, ("x-request-id", "req_1"));

        var message = await _api.RunAsync(_api.Client().Messages.CreateAsync(Hello(), Ct));

        Assert.Equal("msg_01", message.Id);
        Assert.Equal("message", message.Type);
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.Equal("mythic-4-thinking", message.Model);
        Assert.Equal(6, message.Content.Count);
        Assert.Equal("Let me think. Done.", message.Thinking);
        Assert.Equal("sig==", message.Content[0].Signature);
        Assert.Equal("Paris is the capital.", message.Text);
        var tool = Assert.Single(message.ToolUses);
        Assert.Equal("toolu_1", tool.Id);
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("Paris", tool.Input!.Value.GetProperty("location").GetString());
        Assert.Equal(MessageStopReason.ToolUse, message.StopReason);
        Assert.Null(message.StopSequence);
        Assert.Equal(12, message.Usage!.InputTokens);
        Assert.Equal(34, message.Usage.OutputTokens);
        Assert.Equal(0, message.Usage.CacheCreationInputTokens);
        Assert.Equal(5, message.Usage.CacheReadInputTokens);
        Assert.Equal("standard", message.Usage.AdditionalProperties!["service_tier"].GetString());
        Assert.Equal("c1", message.AdditionalProperties!["container"].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, message.Content[2].AdditionalProperties!["citations"].ValueKind);
        Assert.Equal("req_1", message.Response!.RequestId);
    }

    [Fact]
    public async Task CreateAsync_UnknownBlockType_IsKeptAndSentBackAsItCame()
    {
        _api.Enqueue(HttpStatusCode.OK, ThinkingReply);
        var message = await _api.RunAsync(_api.Client().Messages.CreateAsync(Hello(), Ct));

        var unknown = message.Content[4];

        Assert.Equal("server_tool_use", unknown.Type.Value);
        Assert.Equal(new MessageContentBlockType("SERVER_TOOL_USE"), unknown.Type);
        Assert.Equal("""{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"q":"x"}}""",
            JsonSerializer.Serialize(unknown, MessagesJsonContext.Default.MessageContentBlock));
        Assert.Contains("""{"role":"assistant","content":[{"type":"thinking","thinking":"Let me think. ","signature":"sig=="}""",
            JsonSerializer.Serialize(new MessageRequest { Model = "m", MaxTokens = 1, Messages = [MessageParam.Assistant(message)] }, MessagesJsonContext.Default.MessageRequest),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("end_turn")]
    [InlineData("max_tokens")]
    [InlineData("stop_sequence")]
    [InlineData("tool_use")]
    [InlineData("pause_turn")]
    [InlineData("refusal")]
    [InlineData("brand_new_reason")]
    public void StopReason_AnyValue_IsReadAndKept(string reason)
    {
        var message = JsonSerializer.Deserialize($$"""{"id":"m","content":[],"stop_reason":"{{reason}}"}""", MessagesJsonContext.Default.Message)!;

        Assert.Equal(reason, message.StopReason!.Value.Value);
        Assert.Equal(new MessageStopReason(reason.ToUpperInvariant()), message.StopReason);
    }

    [Fact]
    public void StopReason_KnownValues_AreTheDocumentedOnes()
    {
        Assert.Equal(["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal"],
            new[] { MessageStopReason.EndTurn, MessageStopReason.MaxTokens, MessageStopReason.StopSequence, MessageStopReason.ToolUse, MessageStopReason.PauseTurn, MessageStopReason.Refusal }.Select(r => r.Value));
    }

    [Fact]
    public void Message_MissingFields_KeepsDefaults()
    {
        var message = JsonSerializer.Deserialize("""{"content":null}""", MessagesJsonContext.Default.Message)!;

        Assert.Empty(message.Content);
        Assert.Equal(string.Empty, message.Text);
        Assert.Equal(string.Empty, message.Thinking);
        Assert.Empty(message.ToolUses);
        Assert.Equal("message", message.Type);
    }

    public static TheoryData<string, Action<MessageRequest>> InvalidRequests() => new()
    {
        { "MessageRequest.Model", r => r.Model = " " },
        { "MessageRequest.MaxTokens", r => r.MaxTokens = 0 },
        { "MessageRequest.Messages needs", r => r.Messages = [] },
        { "MessageRequest.Messages[0] is null", r => r.Messages = [null!] },
        { "MessageRequest.Messages[0] has no Role", r => r.Messages = [new MessageParam { Content = "x" }] },
        { "MessageRequest.Messages[0] has no Content", r => r.Messages = [new MessageParam { Role = MessageRole.User }] },
        { "MessageRequest.Messages[0] sets both", r => r.Messages = [new MessageParam { Role = MessageRole.User, Content = "x", ContentBlocks = [MessageContentBlock.CreateText("y")] }] },
        { "MessageRequest.Messages[0].ContentBlocks[0] is a text block without Text", r => r.Messages = [new MessageParam { Role = MessageRole.User, ContentBlocks = [new MessageContentBlock { Type = MessageContentBlockType.Text }] }] },
        { "MessageRequest.Messages[0].ContentBlocks[0] has no Type", r => r.Messages = [new MessageParam { Role = MessageRole.User, ContentBlocks = [new MessageContentBlock { Text = "x" }] }] },
        { "MessageRequest.Messages[0].ContentBlocks[0] is a thinking block", r => r.Messages = [new MessageParam { Role = MessageRole.Assistant, ContentBlocks = [new MessageContentBlock { Type = MessageContentBlockType.Thinking, Thinking = "x" }] }] },
        { "MessageRequest.Thinking.BudgetTokens must be at least 1024", r => r.Thinking = new MessageThinkingConfig { Type = MessageThinkingType.Enabled, BudgetTokens = 1023 } },
        { "MessageRequest.Thinking.BudgetTokens (2000) must be less than MessageRequest.MaxTokens (2000)", r => (r.MaxTokens, r.Thinking) = (2000, MessageThinkingConfig.Enabled(2000)) },
        { "MessageRequest.Thinking.Type is empty", r => r.Thinking = new MessageThinkingConfig() },
        { "MessageRequest.Temperature", r => r.Temperature = 1.5 },
        { "MessageRequest.TopP", r => r.TopP = -0.1 },
        { "MessageRequest.TopK", r => r.TopK = 0 },
        { "MessageRequest.StopSequences[0]", r => r.StopSequences = [""] },
        { "MessageRequest.Tools[0] has no Name", r => r.Tools = [new MessageTool { InputSchema = JsonElement.Parse("{}") }] },
        { "MessageRequest.Tools[0] ('t') needs an InputSchema", r => r.Tools = [new MessageTool { Name = "t" }] },
        { "MessageRequest.ToolChoice forces the tool 'other'", r => r.ToolChoice = MessageToolChoice.ForTool("other") },
        { "MessageRequest.ToolChoice is 'any'", r => r.ToolChoice = MessageToolChoice.Any },
        { "MessageRequest sets both System and SystemBlocks", r => (r.System, r.SystemBlocks) = ("a", [MessageContentBlock.CreateText("b")]) },
        { "MessageRequest.SystemBlocks[0] is not a text block", r => r.SystemBlocks = [MessageContentBlock.CreateRedactedThinking("x")] },
        { "'max_tokens', which a typed property sends", r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["max_tokens"] = JsonElement.Parse("1") } },
        { "'stream', which the SDK sets", r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = JsonElement.Parse("true") } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateAsync_InvalidRequest_ThrowsNamingTheFieldWithoutSending(string expected, Action<MessageRequest> breakIt)
    {
        var request = Hello();
        breakIt(request);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _api.Client().Messages.CreateAsync(request, Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("request", error.ParamName);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_Null_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _api.Client().Messages.CreateAsync(null!, Ct));

        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void ThinkingConfig_EnabledBelowMinimum_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageThinkingConfig.Enabled(1000));

    [Fact]
    public async Task CreateAsync_Overloaded503WithAnthropicBody_ThrowsServiceUnavailableAfterRetries()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
        }

        var error = await _api.FailsAsync<ServiceUnavailableError>(_api.Client().Messages.CreateAsync(Hello(), Ct));

        Assert.Equal("Overloaded", error.Message);
        Assert.Equal("overloaded_error", error.ErrorType);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_400_ThrowsBadRequestWithParam()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Nested(ErrorCodes.ParameterInvalid, "bad budget", param: "thinking.budget_tokens"));

        var error = await _api.FailsAsync<BadRequestError>(_api.Client().Messages.CreateAsync(Hello(), Ct));

        Assert.Equal("thinking.budget_tokens", error.Param);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CountTokensAsync_Request_SendsModelSystemMessagesToolsAndReadsTheCount()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"input_tokens":42,"extra":1}""");
        var request = new MessageRequest("mythic-4", 100, "Hello!")
        {
            System = "Be terse.",
            Tools = [MessageTool.Create("t", null, """{"type":"object"}""")],
            Thinking = MessageThinkingConfig.Enabled(1024),
            Temperature = 0.5,
        };
        request.MaxTokens = 2000;

        var count = await _api.RunAsync(_api.Client().Messages.CountTokensAsync(new MessageCountTokensRequest(request), Ct));

        Assert.Equal(42, count.InputTokens);
        Assert.Equal(1, count.AdditionalProperties!["extra"].GetInt32());
        var sent = Assert.Single(_api.Requests);
        Assert.Equal(MessagesUrl + "/count_tokens", sent.Uri.ToString());
        Assert.Equal("""{"model":"mythic-4","system":"Be terse.","messages":[{"role":"user","content":"Hello!"}],"tools":[{"name":"t","input_schema":{"type":"object"}}]}""", sent.BodyText);
        Assert.Null(sent.Header("mythicdot-beta"));
    }

    [Fact]
    public async Task CountTokensAsync_NoMessages_ThrowsWithoutSending()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _api.Client().Messages.CountTokensAsync(new MessageCountTokensRequest { Model = "mythic-4" }, Ct));

        Assert.Contains("MessageCountTokensRequest.Messages", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }
}
