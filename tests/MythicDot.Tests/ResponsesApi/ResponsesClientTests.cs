using System.Net;
using System.Text.Json;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.ResponsesApi;

/// <summary><c>/responses</c>: the bytes sent for text and item inputs, the typed output (unknown fields and item types kept),
/// <c>OutputText</c>, get and delete by id, and validation before sending.</summary>
public sealed class ResponsesClientTests : IDisposable
{
    private const string Answer = """
        {"id":"resp_1","object":"response","created_at":1704067200,"status":"completed","model":"mythic-4","background":false,
         "output":[
           {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Thinking."}]},
           {"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[
             {"type":"output_text","text":"Paris","annotations":[{"type":"url_citation","url":"https://example.com"}]},
             {"type":"output_text","text":" is the capital."},{"type":"refusal","refusal":"(none)"}]},
           {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"},
           {"type":"web_search_call","id":"ws_1","status":"completed","action":{"query":"paris"}}],
         "instructions":"Be brief.","previous_response_id":"resp_0","error":null,"incomplete_details":null,
         "usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":4},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":3},"total_tokens":21}}
        """;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_TextInput_ExactBytesAndTypedOutput()
    {
        _api.Enqueue(HttpStatusCode.OK, Answer);
        var request = new ResponseRequest("mythic-4", "Capital of France?")
        {
            Instructions = "Be brief.",
            PreviousResponseId = "resp_0",
            Tools = [ResponseTool.CreateFunction("get_weather", "Weather", """{"type":"object"}""")],
            MaxOutputTokens = 100,
            Store = true,
            Metadata = new Dictionary<string, string> { ["user"] = "ann" },
        };

        var response = await _api.RunAsync(_api.Client().Responses.CreateAsync(request));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "responses", sent.Uri.AbsoluteUri);
        Assert.Equal(
            """{"model":"mythic-4","input":"Capital of France?","instructions":"Be brief.","previous_response_id":"resp_0","tools":[{"type":"function","name":"get_weather","description":"Weather","parameters":{"type":"object"}}],"max_output_tokens":100,"store":true,"metadata":{"user":"ann"}}""",
            sent.BodyText);
        Assert.Equal("resp_1", response.Id);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704067200), response.CreatedAt);
        Assert.Equal("Paris is the capital.", response.OutputText);
        Assert.Equal("resp_0", response.PreviousResponseId);
        Assert.Equal(4, response.Usage!.InputTokensDetails!.CachedTokens);
        Assert.Equal(3, response.Usage.OutputTokensDetails!.ReasoningTokens);
        Assert.False(response.AdditionalProperties!["background"].GetBoolean());

        var message = response.Output[1];
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.Equal("url_citation", message.ContentParts![0].Annotations![0].GetProperty("type").GetString());
        Assert.Equal("(none)", message.ContentParts[2].Refusal);
        var call = Assert.Single(response.FunctionCalls);
        Assert.Equal(("call_1", "get_weather", """{"city":"Paris"}"""), (call.CallId, call.Name, call.Arguments));
        Assert.Equal(new ResponseItemType("web_search_call"), response.Output[3].Type);
        Assert.Equal("paris", response.Output[3].AdditionalProperties!["action"].GetProperty("query").GetString());
        Assert.Equal(JsonValueKind.Array, response.Output[0].AdditionalProperties!["summary"].ValueKind);
    }

    [Fact]
    public async Task CreateAsync_ItemsInput_OutputItemsReplayedAndFunctionOutputSent()
    {
        _api.Enqueue(HttpStatusCode.OK, Answer);
        _api.Enqueue(HttpStatusCode.OK, """{"id":"resp_2","output":[]}""");
        var client = _api.Client();
        var first = await _api.RunAsync(client.Responses.CreateAsync(new ResponseRequest("mythic-4", [
            ResponseItem.DeveloperMessage("Be brief."),
            ResponseItem.UserMessage([ResponseContentPart.InputTextPart("What is this?"), ResponseContentPart.InputImagePart("https://example.com/a.png", "low")]),
        ])));

        await _api.RunAsync(client.Responses.CreateAsync(new ResponseRequest("mythic-4", [first.Output[2], ResponseItem.FunctionCallOutput("call_1", """{"temp":18}""")])));

        Assert.Equal(
            """{"model":"mythic-4","input":[{"type":"message","role":"developer","content":"Be brief."},{"type":"message","role":"user","content":[{"type":"input_text","text":"What is this?"},{"type":"input_image","image_url":"https://example.com/a.png","detail":"low"}]}]}""",
            _api.Requests[0].BodyText);
        Assert.Equal(
            """{"model":"mythic-4","input":[{"type":"function_call","id":"fc_1","status":"completed","call_id":"call_1","name":"get_weather","arguments":"{\u0022city\u0022:\u0022Paris\u0022}"},{"type":"function_call_output","call_id":"call_1","output":"{\u0022temp\u0022:18}"}]}""",
            _api.Requests[1].BodyText);
    }

    [Fact]
    public async Task GetAndDeleteAsync_PathsAndTypedResults()
    {
        _api.Enqueue(HttpStatusCode.OK, Answer);
        _api.Enqueue(HttpStatusCode.OK, """{"id":"resp_1","object":"response.deleted","deleted":true}""");
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Nested("resource_not_found", "No response with id 'resp_1' found."));
        var client = _api.Client();

        var fetched = await _api.RunAsync(client.Responses.GetAsync("resp_1"));
        var deleted = await _api.RunAsync(client.Responses.DeleteAsync("resp_1"));
        var missing = await _api.FailsAsync<NotFoundError>(client.Responses.GetAsync("resp_1"));

        Assert.Equal("Paris is the capital.", fetched.OutputText);
        Assert.True(deleted.Deleted);
        Assert.Equal("response.deleted", deleted.ObjectType);
        Assert.Equal("No response with id 'resp_1' found.", missing.Message);
        Assert.Equal([HttpMethod.Get, HttpMethod.Delete, HttpMethod.Get], _api.Requests.Select(r => r.Method));
        Assert.All(_api.Requests, r => Assert.Equal(ApiHarness.BaseUrl + "responses/resp_1", r.Uri.AbsoluteUri));
        Assert.Throws<ArgumentException>(() => { _ = client.Responses.GetAsync(".."); });
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "no model", "Model is required" },
        { "no input", "needs an input" },
        { "both inputs", "sets both Input and InputItems" },
        { "null item", "InputItems[0] is null" },
        { "output without call", "function_call_output without a CallId" },
        { "tool without name", "Tools[0] is a function without a Name" },
        { "duplicate tools", "the function 'f' twice" },
        { "blank previous", "PreviousResponseId is blank" },
        { "stream extra", "'stream'" },
        { "typed extra", "'instructions', which a typed property sends" },
        { "max output 0", "MaxOutputTokens must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task CreateAsync_InvalidRequest_RefusedBeforeSending(string name, string expected)
    {
        var request = new ResponseRequest("mythic-4", "Hi");
        switch (name)
        {
            case "no model": request.Model = ""; break;
            case "no input": request.Input = null; break;
            case "both inputs": request.InputItems = [ResponseItem.UserMessage("a")]; break;
            case "null item": request.Input = null; request.InputItems = [null!]; break;
            case "output without call": request.Input = null; request.InputItems = [new ResponseItem { Type = ResponseItemType.FunctionCallOutput, Output = "x" }]; break;
            case "tool without name": request.Tools = [new ResponseTool()]; break;
            case "duplicate tools": request.Tools = [ResponseTool.CreateFunction("f"), ResponseTool.CreateFunction("f")]; break;
            case "blank previous": request.PreviousResponseId = " "; break;
            case "stream extra": request.AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = default }; break;
            case "typed extra": request.AdditionalProperties = new Dictionary<string, JsonElement> { ["instructions"] = default }; break;
            case "max output 0": request.MaxOutputTokens = 0; break;
        }

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => _api.Client().Responses.CreateAsync(request));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }
}
