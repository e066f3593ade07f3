using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;

namespace MythicDot.Tests.ExtensionsAI;

public sealed class MythicDotChatClientTests : IDisposable
{
    private const string Path = "chat/completions";

    private const string ParisAnswer = """
        {"id":"chatcmpl-abc123","object":"chat.completion","created":1704067200,"model":"mythic-4-2025",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":25,"completion_tokens":8,"total_tokens":33}}
        """;

    private const string WeatherCallAnswer = """
        {"id":"chatcmpl-2","object":"chat.completion","created":1704067200,"model":"mythic-4",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":2}"}}]},
           "finish_reason":"tool_calls"}]}
        """;

    private static readonly JsonElement CitySchema =
        JsonElement.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    private readonly FakeApi _api = new();
    private readonly IChatClient _chat;

    public MythicDotChatClientTests()
    {
        _chat = _api.Client.AsIChatClient("mythic-4");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _chat.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task GetResponseAsync_TextConversation_SendsEachRoleAndText()
    {
        _api.Answer(Path, ParisAnswer);

        await _chat.GetResponseAsync(
            [
                new(AI.ChatRole.System, "Be brief."),
                new(AI.ChatRole.User, "Hi") { AuthorName = "ada" },
                new(AI.ChatRole.Assistant, [new TextContent("Hello"), new TextContent("!")]),
                new(AI.ChatRole.User, "Capital of France?"),
            ],
            cancellationToken: Ct);

        Assert.Equal(
            """{"model":"mythic-4","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi","name":"ada"},"""
            + """{"role":"assistant","content":"Hello!"},{"role":"user","content":"Capital of France?"}]}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetResponseAsync_SupportedOptions_SendsEachAsItsApiField()
    {
        _api.Answer(Path, ParisAnswer);
        var options = new ChatOptions
        {
            ModelId = "mythic-4-mini",
            Instructions = "Answer in French.",
            Temperature = 0.2f,
            TopP = 0.9f,
            MaxOutputTokens = 50,
            StopSequences = ["END"],
            ResponseFormat = AI.ChatResponseFormat.Json,
            AdditionalProperties = new() { ["user"] = "user-1", ["logit_bias"] = new Dictionary<string, int> { ["50256"] = -100 } },
        };

        await _chat.GetResponseAsync("Capital?", options, Ct);

        Assert.Equal(
            """{"model":"mythic-4-mini","messages":[{"role":"system","content":"Answer in French."},{"role":"user","content":"Capital?"}]"""
            + ""","temperature":0.2,"top_p":0.9,"max_tokens":50,"stop":"END","response_format":{"type":"json_object"}"""
            + ""","user":"user-1","logit_bias":{"50256":-100}}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaResponseFormat_SendsNamedSchema()
    {
        _api.Answer(Path, ParisAnswer);
        var options = new ChatOptions { ResponseFormat = AI.ChatResponseFormat.ForJsonSchema(CitySchema, "city", "A city.") };

        await _chat.GetResponseAsync("Capital?", options, Ct);

        Assert.Equal(
            """{"model":"mythic-4","messages":[{"role":"user","content":"Capital?"}],"response_format":{"type":"json_schema","json_schema":"""
            + """{"name":"city","description":"A city.","schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetResponseAsync_TextResponseFormat_SendsTextType()
    {
        _api.Answer(Path, ParisAnswer);

        await _chat.GetResponseAsync("Capital?", new ChatOptions { ResponseFormat = AI.ChatResponseFormat.Text }, Ct);

        Assert.EndsWith(""","response_format":{"type":"text"}}""", Assert.Single(_api.Bodies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_FunctionToolWithRequiredFunction_SendsToolAndToolChoice()
    {
        _api.Answer(Path, WeatherCallAnswer);
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather.", CitySchema)],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
        };

        await _chat.GetResponseAsync("Weather in Paris?", options, Ct);

        Assert.Equal(
            """{"model":"mythic-4","messages":[{"role":"user","content":"Weather in Paris?"}],"tools":[{"type":"function","function":"""
            + """{"name":"get_weather","description":"Gets the weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"""
            + ""","tool_choice":{"type":"function","function":{"name":"get_weather"}}}""",
            Assert.Single(_api.Bodies));
    }

    public static TheoryData<string, string> ToolModes => new()
    {
        { "auto", "\"auto\"" },
        { "none", "\"none\"" },
        { "any", "\"required\"" },
    };

    [Theory]
    [MemberData(nameof(ToolModes))]
    public async Task GetResponseAsync_ToolMode_SendsMatchingToolChoice(string mode, string expected)
    {
        _api.Answer(Path, ParisAnswer);
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, CitySchema)],
            ToolMode = mode switch { "auto" => ChatToolMode.Auto, "none" => ChatToolMode.None, _ => ChatToolMode.RequireAny },
        };

        await _chat.GetResponseAsync("Weather?", options, Ct);

        using var sent = JsonDocument.Parse(Assert.Single(_api.Bodies));
        Assert.Equal(expected, sent.RootElement.GetProperty("tool_choice").GetRawText());
        Assert.False(sent.RootElement.GetProperty("tools")[0].GetProperty("function").TryGetProperty("description", out _));
    }

    [Fact]
    public async Task GetResponseAsync_AIFunctionFromDelegate_SendsItsGeneratedSchema()
    {
        _api.Answer(Path, ParisAnswer);
        var function = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "Gets the weather.");

        await _chat.GetResponseAsync("Weather?", new ChatOptions { Tools = [function] }, Ct);

        using var sent = JsonDocument.Parse(Assert.Single(_api.Bodies));
        var definition = sent.RootElement.GetProperty("tools")[0].GetProperty("function");
        Assert.Equal("get_weather", definition.GetProperty("name").GetString());
        Assert.True(JsonElement.DeepEquals(function.JsonSchema, definition.GetProperty("parameters")));
        Assert.False(sent.RootElement.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallAndResultHistory_SendsToolCallsAndOneToolMessagePerResult()
    {
        _api.Answer(Path, ParisAnswer);
        List<AI.ChatMessage> history =
        [
            new(AI.ChatRole.User, "Weather in Paris and Rome?"),
            new(AI.ChatRole.Assistant,
            [
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
                new FunctionCallContent("call_2", "get_weather", new Dictionary<string, object?> { ["city"] = "Rome", ["days"] = 2 }),
            ]),
            new(AI.ChatRole.Tool,
            [
                new FunctionResultContent("call_1", "sunny"),
                new FunctionResultContent("call_2", new Dictionary<string, object?> { ["temp"] = 21, ["sky"] = "clear" }),
            ]),
        ];

        await _chat.GetResponseAsync(history, cancellationToken: Ct);

        // Compared as JSON: the SDK's encoder writes the quotes inside the argument strings as \u0022.
        FakeApi.AssertJsonEqual(
            """{"model":"mythic-4","messages":[{"role":"user","content":"Weather in Paris and Rome?"},{"role":"assistant","tool_calls":["""
            + """{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},"""
            + """{"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\",\"days\":2}"}}]},"""
            + """{"role":"tool","content":"sunny","tool_call_id":"call_1"},"""
            + """{"role":"tool","content":"{\"temp\":21,\"sky\":\"clear\"}","tool_call_id":"call_2"}]}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetResponseAsync_ToolLoopWithAIFunction_SendsTheFunctionsResultBack()
    {
        _api.AnswerInTurn(Path, WeatherCallAnswer, ParisAnswer);
        string? askedCity = null;
        var function = AIFunctionFactory.Create((string city, int days) => { askedCity = city; return $"{days} days of sun"; }, "get_weather");
        List<AI.ChatMessage> history = [new(AI.ChatRole.User, "Weather in Paris?")];
        var options = new ChatOptions { Tools = [function] };

        // What function-invoking middleware does: call the function the model asked for, answer with its result, ask again.
        var first = await _chat.GetResponseAsync(history, options, Ct);
        history.AddMessages(first);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages.Single().Contents));
        var result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), Ct);
        history.Add(new AI.ChatMessage(AI.ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        var second = await _chat.GetResponseAsync(history, options, Ct);

        Assert.Equal("Paris", askedCity);
        Assert.Equal("Paris.", second.Text);
        using var sent = JsonDocument.Parse(_api.Bodies[1]);
        var messages = sent.RootElement.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("""{"city":"Paris","days":2}""", messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("call_1", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Contains("2 days of sun", messages[2].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_TextAnswer_MapsMessageIdsModelTimeUsageAndRaw()
    {
        _api.Answer(Path, ParisAnswer);

        var response = await _chat.GetResponseAsync("Capital?", cancellationToken: Ct);

        var message = Assert.Single(response.Messages);
        Assert.Equal(AI.ChatRole.Assistant, message.Role);
        Assert.Equal("Paris.", Assert.IsType<TextContent>(Assert.Single(message.Contents)).Text);
        Assert.Equal("chatcmpl-abc123", response.ResponseId);
        Assert.Equal("chatcmpl-abc123", message.MessageId);
        Assert.Equal("mythic-4-2025", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704067200), response.CreatedAt);
        Assert.Equal(AI.ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(25, response.Usage!.InputTokenCount);
        Assert.Equal(8, response.Usage.OutputTokenCount);
        Assert.Equal(33, response.Usage.TotalTokenCount);
        var raw = Assert.IsType<ChatCompletion>(response.RawRepresentation);
        Assert.Equal(HttpStatusCode.OK, raw.Response!.StatusCode);
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallAnswer_MapsFunctionCallWithParsedArguments()
    {
        _api.Answer(Path, WeatherCallAnswer);

        var response = await _chat.GetResponseAsync("Weather?", cancellationToken: Ct);

        Assert.Equal(AI.ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Null(call.Exception);
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(2, ((JsonElement)call.Arguments["days"]!).GetInt32());
        Assert.IsType<ChatToolCall>(call.RawRepresentation);
    }

    [Fact]
    public async Task GetResponseAsync_ArgumentsNotJson_KeepsTheCallWithTheParseException()
    {
        _api.Answer(Path, WeatherCallAnswer.Replace("""{\"city\":\"Paris\",\"days\":2}""", "{city", StringComparison.Ordinal));

        var response = await _chat.GetResponseAsync("Weather?", cancellationToken: Ct);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal("call_1", call.CallId);
        Assert.NotNull(call.Exception);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("max_time", "max_time")]
    public async Task GetResponseAsync_FinishReason_MapsToExtensionsAIReason(string wire, string expected)
    {
        _api.Answer(Path, ParisAnswer.Replace("\"finish_reason\":\"stop\"", $"\"finish_reason\":\"{wire}\"", StringComparison.Ordinal));

        var response = await _chat.GetResponseAsync("Capital?", cancellationToken: Ct);

        Assert.Equal(new AI.ChatFinishReason(expected), response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedWithoutRetries_ThrowsRateLimitErrorUnwrapped()
    {
        using var api = new FakeApi(maxRetries: 0);
        api.Answer(Path, """{"success":false,"message":"Rate limit exceeded","code":"rate_limit_exceeded","retry_after":30,"request_id":"req_1"}""", HttpStatusCode.TooManyRequests);
        using var chat = api.Client.AsIChatClient("mythic-4");

        var error = await Assert.ThrowsAsync<RateLimitError>(() => chat.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Equal("req_1", error.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, api.Calls);
    }

    public static TheoryData<string> UnsupportedOptions => ["Seed", "FrequencyPenalty", "PresencePenalty", "TopK", "Reasoning", "AllowMultipleToolCalls", "ConversationId"];

    [Theory]
    [MemberData(nameof(UnsupportedOptions))]
    public async Task GetResponseAsync_UnsupportedOption_ThrowsNotSupportedNamingItAndSendsNothing(string option)
    {
        _api.Answer(Path, ParisAnswer);
        var options = new ChatOptions();
        switch (option)
        {
            case "Seed": options.Seed = 42; break;
            case "FrequencyPenalty": options.FrequencyPenalty = 0.5f; break;
            case "PresencePenalty": options.PresencePenalty = 0.5f; break;
            case "TopK": options.TopK = 40; break;
            case "Reasoning": options.Reasoning = new ReasoningOptions(); break;
            case "AllowMultipleToolCalls": options.AllowMultipleToolCalls = false; break;
            case "ConversationId": options.ConversationId = "conv_1"; break;
        }

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _chat.GetResponseAsync("Hi", options, Ct));

        Assert.Contains("ChatOptions." + option, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_UnsupportedOption_MessageNamesTheAdditionalPropertyThatSendsIt()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _chat.GetResponseAsync("Hi", new ChatOptions { Seed = 42 }, Ct));

        Assert.Contains("AdditionalProperties[\"seed\"]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_SeedAsAdditionalProperty_IsSent()
    {
        _api.Answer(Path, ParisAnswer);

        await _chat.GetResponseAsync("Hi", new ChatOptions { AdditionalProperties = new() { ["seed"] = 42L } }, Ct);

        Assert.EndsWith(""","seed":42}""", Assert.Single(_api.Bodies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_HostedTool_ThrowsNotSupportedAndSendsNothing()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            _chat.GetResponseAsync("Hi", new ChatOptions { Tools = [new HostedWebSearchTool()] }, Ct));

        Assert.Contains(nameof(HostedWebSearchTool), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public async Task GetResponseAsync_RawRepresentationFactory_StartsFromTheGivenRequest()
    {
        _api.Answer(Path, ParisAnswer);
        var options = new ChatOptions
        {
            Temperature = 0.2f,
            MaxOutputTokens = 50,
            RawRepresentationFactory = _ => new ChatCompletionRequest { Model = "mythic-4-thinking", Temperature = 1.5 },
        };

        await _chat.GetResponseAsync("Hi", options, Ct);

        Assert.Equal(
            """{"model":"mythic-4-thinking","messages":[{"role":"user","content":"Hi"}],"temperature":1.5,"max_tokens":50}""",
            Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GetResponseAsync_CanceledToken_ThrowsOperationCanceledAndSendsNothing()
    {
        _api.Answer(Path, ParisAnswer);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _chat.GetResponseAsync("Hi", cancellationToken: cts.Token));

        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderBaseUrlAndDefaultModel()
    {
        var metadata = _chat.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("mythicdot", metadata.ProviderName);
        Assert.Equal(new Uri("https://api.test/v1/"), metadata.ProviderUri);
        Assert.Equal("mythic-4", metadata.DefaultModelId);
    }

    [Fact]
    public void GetService_ClientOrSelf_ReturnsThemAndNothingForAKey()
    {
        Assert.Same(_api.Client, _chat.GetService<MythicDotClient>());
        Assert.Same(_chat, _chat.GetService<IChatClient>());
        Assert.Null(_chat.GetService<MythicDotClient>("key"));
        Assert.Null(_chat.GetService<HttpClient>());
    }

    [Fact]
    public void AsIChatClient_EmptyModel_Throws()
    {
        Assert.Throws<ArgumentException>(() => _api.Client.AsIChatClient(" "));
    }
}
