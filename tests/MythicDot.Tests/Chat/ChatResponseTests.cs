using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Chat;

/// <summary>Parsing chat completions: documented fields, unknown fields and values kept, response metadata filled in.</summary>
public sealed class ChatResponseTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_DocumentedResponse_EveryFieldParsed()
    {
        var completion = await ReceiveAsync(Bodies.ChatCompletion);

        Assert.Equal("chatcmpl-abc123", completion.Id);
        Assert.Equal("chat.completion", completion.ObjectType);
        Assert.Equal("mythic-4", completion.Model);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(0, choice.Index);
        Assert.Equal(ChatRole.Assistant, choice.Message.Role);
        Assert.Equal("Paris.", choice.Message.Content);
        Assert.Equal(ChatFinishReason.Stop, choice.FinishReason);
        Assert.Equal(25, completion.Usage!.PromptTokens);
        Assert.Equal(8, completion.Usage.CompletionTokens);
        Assert.Equal(33, completion.Usage.TotalTokens);
    }

    [Fact]
    public async Task CreateAsync_Created_ReadAsUnixSeconds()
    {
        var completion = await ReceiveAsync(Bodies.ChatCompletion);

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), completion.Created);
    }

    [Fact]
    public async Task CreateAsync_ToolCallsWithNullContent_ParsedWithArguments()
    {
        var completion = await ReceiveAsync("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1704067200,"model":"mythic-4",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\"}"}}]},
               "finish_reason":"tool_calls"}]}
            """);

        var message = completion.Choices[0].Message;
        Assert.Null(message.Content);
        var call = Assert.Single(message.ToolCalls!);
        Assert.Equal("call_1", call.Id);
        Assert.Equal("function", call.Type);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("Paris", call.ParseArguments().GetProperty("location").GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateAsync_UnknownFinishReasonAndRole_Kept()
    {
        var completion = await ReceiveAsync("""
            {"id":"c","object":"chat.completion","created":1,"model":"m",
             "choices":[{"index":0,"message":{"role":"narrator","content":"..."},"finish_reason":"budget_exhausted"}]}
            """);

        Assert.Equal("narrator", completion.Choices[0].Message.Role.Value);
        Assert.Equal("budget_exhausted", completion.Choices[0].FinishReason!.Value.Value);
        Assert.Equal(new ChatFinishReason("budget_exhausted"), completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateAsync_NullFinishReason_IsNull()
    {
        var completion = await ReceiveAsync("""
            {"id":"c","object":"chat.completion","created":1,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":null}]}
            """);

        Assert.Null(completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateAsync_UnknownFields_KeptInAdditionalProperties()
    {
        var completion = await ReceiveAsync("""
            {"id":"c","object":"chat.completion","created":1,"model":"m","system_fingerprint":"fp_1","service_tier":{"name":"pro"},
             "choices":[{"index":0,"logprobs":null,"message":{"role":"assistant","content":"x","refusal":"none"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"cached_tokens":0}}
            """);

        Assert.Equal("fp_1", completion.AdditionalProperties!["system_fingerprint"].GetString());
        Assert.Equal("pro", completion.AdditionalProperties["service_tier"].GetProperty("name").GetString());
        Assert.Equal("none", completion.Choices[0].Message.Refusal);
        Assert.Null(completion.Choices[0].Logprobs);
        Assert.Equal(2, completion.Usage!.TotalTokens);
        Assert.Equal(0, completion.Usage.AdditionalProperties!["cached_tokens"].GetInt32());
    }

    [Fact]
    public async Task CreateAsync_Success_ResponseInfoFilledIn()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("x-request-id", "req_abc"), ("x-ratelimit-remaining-requests", "59"));
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var info = completion.Response!;
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("req_abc", info.RequestId);
        Assert.Equal(1, info.Attempts);
        Assert.Equal("59", info.GetHeader("X-RateLimit-Remaining-Requests"));
        Assert.Equal("59", info.Headers["x-ratelimit-remaining-requests"]);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_SuccessAfterRetry_ResponseInfoCountsAttempts()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("x-request-id", "req_second"));
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal("req_second", completion.Response.RequestId);
        Assert.Equal(2, _api.Requests.Count);
    }

    private async Task<ChatCompletion> ReceiveAsync(string body)
    {
        _api.Enqueue(HttpStatusCode.OK, body);
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(ApiHarness.ChatUrl, sent.Uri.AbsoluteUri);
        return completion;
    }
}
