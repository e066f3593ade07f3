using System.Text.Json;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Chat;

/// <summary>The chat request as bytes on the wire, and the rules checked before anything is sent.</summary>
public sealed class ChatRequestTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_MinimalRequest_SendsOnlyModelAndMessages()
    {
        var body = await SendAsync(ApiHarness.ChatRequest());

        Assert.Equal("""{"model":"mythic-4","messages":[{"role":"user","content":"Hello!"}]}""", body);
    }

    [Fact]
    public async Task CreateAsync_EveryField_SnakeCaseNames()
    {
        var request = ApiHarness.ChatRequest();
        request.Temperature = 0.5;
        request.TopP = 0.9;
        request.MaxTokens = 100;
        request.Stop = ["END"];
        request.Tools = [ChatTool.CreateFunction("get_weather", "Weather for a city", """{"type":"object","properties":{"location":{"type":"string"}}}""")];
        request.ToolChoice = ChatToolChoice.Auto;
        request.ResponseFormat = ChatResponseFormat.JsonObject;

        using var json = JsonDocument.Parse(await SendAsync(request));

        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["model", "messages", "temperature", "top_p", "max_tokens", "stop", "tools", "tool_choice", "response_format"], names);
        Assert.Equal(0.5, json.RootElement.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, json.RootElement.GetProperty("top_p").GetDouble());
        Assert.Equal(100, json.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.Equal("auto", json.RootElement.GetProperty("tool_choice").GetString());
        Assert.Equal("""{"type":"json_object"}""", json.RootElement.GetProperty("response_format").GetRawText());
        Assert.Equal(
            """{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}""",
            json.RootElement.GetProperty("tools")[0].GetRawText());
    }

    [Fact]
    public async Task CreateAsync_UnsetOptionalFields_OmittedNotNull()
    {
        var request = ApiHarness.ChatRequest();
        request.Messages.Add(ChatMessage.Assistant(null, [ChatToolCall.CreateFunction("call_1", "get_weather", """{"location":"Paris"}""")]));
        request.Messages.Add(ChatMessage.Tool("call_1", "sunny"));
        request.Tools = [ChatTool.CreateFunction("get_weather")];

        var body = await SendAsync(request);

        Assert.DoesNotContain("null", body, StringComparison.Ordinal);
        Assert.Contains("""{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\u0022location\u0022:\u0022Paris\u0022}"}}]}""", body, StringComparison.Ordinal);
        Assert.Contains("""{"role":"tool","content":"sunny","tool_call_id":"call_1"}""", body, StringComparison.Ordinal);
        Assert.Contains("""{"type":"function","function":{"name":"get_weather"}}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OneStopSequence_SentAsString()
    {
        var request = ApiHarness.ChatRequest();
        request.Stop = ["\n\n"];

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("stop").ValueKind);
        Assert.Equal("\n\n", json.RootElement.GetProperty("stop").GetString());
    }

    [Fact]
    public async Task CreateAsync_SeveralStopSequences_SentAsArray()
    {
        var request = ApiHarness.ChatRequest();
        request.Stop = ["END", "STOP", "###", "\n"];

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal("""["END","STOP","###","\n"]""", json.RootElement.GetProperty("stop").GetRawText());
    }

    [Fact]
    public async Task CreateAsync_ForcedFunctionToolChoice_SentAsObject()
    {
        var request = ApiHarness.ChatRequest();
        request.Tools = [ChatTool.CreateFunction("get_weather")];
        request.ToolChoice = ChatToolChoice.ForFunction("get_weather");

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal("""{"type":"function","function":{"name":"get_weather"}}""", json.RootElement.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public async Task CreateAsync_JsonSchemaResponseFormat_SentWithSchema()
    {
        var request = ApiHarness.ChatRequest();
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        request.ResponseFormat = ChatResponseFormat.ForJsonSchema("answer", schema.RootElement.Clone(), strict: true);

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal(
            """{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}}""",
            json.RootElement.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public async Task CreateAsync_UnknownToolChoiceModeAndFormatType_SentAsGiven()
    {
        var request = ApiHarness.ChatRequest();
        request.Tools = [ChatTool.CreateFunction("get_weather")];
        request.ToolChoice = ChatToolChoice.ForMode(new ChatToolChoiceMode("any_tool"));
        request.ResponseFormat = new ChatResponseFormat { Type = new ChatResponseFormatType("xml") };

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal("any_tool", json.RootElement.GetProperty("tool_choice").GetString());
        Assert.Equal("""{"type":"xml"}""", json.RootElement.GetProperty("response_format").GetRawText());
    }

    [Fact]
    public void ToolChoiceModeAndFormatType_CompareCaseInsensitively_AndKeepTheSpelling()
    {
        Assert.Equal(ChatToolChoiceMode.Auto, new ChatToolChoiceMode("AUTO"));
        Assert.Same(ChatToolChoice.Auto, ChatToolChoice.ForMode(new ChatToolChoiceMode("Auto")));
        Assert.Equal("Any", ChatToolChoice.ForMode(new ChatToolChoiceMode("Any")).Mode?.Value);
        Assert.Equal(ChatResponseFormatType.JsonObject, new ChatResponseFormatType("JSON_OBJECT"));
        Assert.Equal("JSON_OBJECT", new ChatResponseFormatType("JSON_OBJECT").ToString());
        Assert.Equal(ChatResponseFormatType.Text, new ChatResponseFormat().Type);
        Assert.Throws<ArgumentException>(() => ChatToolChoice.ForMode(default));
        Assert.Throws<ArgumentException>(() => new ChatResponseFormatType(" "));
    }

    [Fact]
    public async Task CreateAsync_AdditionalProperties_SentAsTopLevelFields()
    {
        var request = ApiHarness.ChatRequest();
        request.AdditionalProperties = new Dictionary<string, JsonElement>
        {
            ["seed"] = JsonSerializer.SerializeToElement(42),
            ["logit_bias"] = JsonDocument.Parse("""{"50256":-100}""").RootElement.Clone(),
        };

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal(42, json.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal("""{"50256":-100}""", json.RootElement.GetProperty("logit_bias").GetRawText());
        Assert.Equal("mythic-4", json.RootElement.GetProperty("model").GetString());
    }

    public static TheoryData<string, Action<ChatCompletionRequest>> InvalidRequests => new()
    {
        { "no model", r => r.Model = string.Empty },
        { "whitespace model", r => r.Model = "  " },
        { "no messages", r => r.Messages = [] },
        { "null message", r => r.Messages = [null!] },
        { "message without role", r => r.Messages = [new ChatMessage { Content = "hi" }] },
        { "temperature 3", r => r.Temperature = 3 },
        { "temperature -0.1", r => r.Temperature = -0.1 },
        { "temperature NaN", r => r.Temperature = double.NaN },
        { "top_p 1.5", r => r.TopP = 1.5 },
        { "max_tokens 0", r => r.MaxTokens = 0 },
        { "5 stop sequences", r => r.Stop = ["a", "b", "c", "d", "e"] },
        { "0 stop sequences", r => r.Stop = [] },
        { "129 tools", r => r.Tools = Enumerable.Range(0, 129).Select(i => ChatTool.CreateFunction("f" + i)).ToList() },
        { "extra stream", r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = JsonSerializer.SerializeToElement(true) } },
        { "extra max_tokens", r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["max_tokens"] = JsonSerializer.SerializeToElement(5) } },
        { "forced function not in tools", r => { r.Tools = [ChatTool.CreateFunction("a")]; r.ToolChoice = ChatToolChoice.ForFunction("b"); } },
        { "forced function without tools", r => r.ToolChoice = ChatToolChoice.ForFunction("b") },
        { "required without tools", r => r.ToolChoice = ChatToolChoice.Required },
        { "empty response format type", r => r.ResponseFormat = new ChatResponseFormat { Type = default } },
        { "json_schema without schema", r => r.ResponseFormat = new ChatResponseFormat { Type = ChatResponseFormatType.JsonSchema } },
        { "schema with json_object", r => r.ResponseFormat = new ChatResponseFormat { Type = ChatResponseFormatType.JsonObject, JsonSchema = new ChatJsonSchema { Name = "x" } } },
        { "extra model", r => r.AdditionalProperties = new Dictionary<string, JsonElement> { ["model"] = JsonSerializer.SerializeToElement("other") } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateAsync_InvalidRequest_ThrowsArgumentExceptionBeforeSending(string rule, Action<ChatCompletionRequest> breakIt)
    {
        var request = ApiHarness.ChatRequest();
        breakIt(request);
        var client = _api.Client();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(request));

        Assert.Equal("request", error.ParamName);
        Assert.Contains("ChatCompletionRequest.", error.Message, StringComparison.Ordinal);
        Assert.True(_api.Requests.Count == 0, $"'{rule}' sent a request");
    }

    [Fact]
    public async Task CreateAsync_StreamInAdditionalProperties_MessagePointsAtStreaming()
    {
        var request = ApiHarness.ChatRequest();
        request.AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = JsonSerializer.SerializeToElement(true) };
        var client = _api.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(request));

        Assert.Contains("CreateStreamingAsync", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_NullRequest_ThrowsArgumentNullBeforeSending()
    {
        var client = _api.Client();

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Chat.Completions.CreateAsync(null!));

        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_BoundaryValues_Accepted()
    {
        var request = ApiHarness.ChatRequest();
        request.Temperature = 2;
        request.TopP = 0;
        request.MaxTokens = 1;
        request.Stop = ["a", "b", "c", "d"];
        request.Tools = Enumerable.Range(0, 128).Select(i => ChatTool.CreateFunction("f" + i)).ToList();

        using var json = JsonDocument.Parse(await SendAsync(request));

        Assert.Equal(2, json.RootElement.GetProperty("temperature").GetDouble());
        Assert.Equal(128, json.RootElement.GetProperty("tools").GetArrayLength());
    }

    private async Task<string> SendAsync(ChatCompletionRequest request)
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(request));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(ApiHarness.ChatUrl, sent.Uri.AbsoluteUri);
        return sent.BodyText!;
    }
}
