using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>
/// The emulator's chat completions against what an OpenAI-compatible server sends: the nested error envelope by default,
/// <c>n</c>, <c>max_completion_tokens</c>, the required-but-nullable fields, logprobs, stream usage, usage details with
/// predicted outputs, vision content parts and the <c>developer</c> role. Asserted on the exact JSON, read with a plain
/// <see cref="HttpClient"/>; through the SDK where it already types the field.
/// </summary>
public sealed class EmulatorChatFidelityTests
{
    private const string WeatherTool = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}""";
    private const string PngDataUrl = "data:image/png;base64,iVBORw0KGgo=";

    private static readonly Regex CreatedPattern = new("\"created\":\\d+");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- 1. Errors: the nested envelope by default, the flat one on request -------------------------------------------------

    [Theory]
    [InlineData("missing model", 400, ErrorCodes.ParameterMissing, "invalid_request_error", "model")]
    [InlineData("unknown model", 404, ErrorCodes.ModelNotFound, "invalid_request_error", "model")]
    [InlineData("unknown path", 404, ErrorCodes.ResourceNotFound, "invalid_request_error", null)]
    [InlineData("wrong key", 401, ErrorCodes.InvalidApiKey, "authentication_error", null)]
    [InlineData("rate limit", 429, ErrorCodes.RateLimitExceeded, "rate_limit_error", null)]
    [InlineData("fault 403", 403, ErrorCodes.PermissionError, "permission_error", null)]
    [InlineData("fault 500", 500, ErrorCodes.ServerError, "server_error", null)]
    [InlineData("fault 503", 503, ErrorCodes.ServiceUnavailable, "server_error", null)]
    [InlineData("fault 418 teapot", 418, "teapot", "invalid_request_error", null)]
    [InlineData("fault 502 bad_gateway", 502, "bad_gateway", "server_error", null)]
    public async Task Errors_Default_NestedEnvelopeWithOpenAIStyleTypeFromTheCode(string situation, int status, string code, string type, string? param)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { RequestsPerMinute = situation == "rate limit" ? 1 : null }, Ct);
        var json = situation switch
        {
            "missing model" => """{"messages":[{"role":"user","content":"Hi"}]}""",
            "unknown model" => Chat(model: "mythic-99"),
            _ => Chat(),
        };
        var path = situation == "unknown path" ? "vector_stores" : "chat/completions";
        if (situation.StartsWith("fault", StringComparison.Ordinal))
        {
            var parts = situation.Split(' ');
            emulator.EnqueueFault(EmulatorFault.Status(status, parts.Length > 2 ? parts[2] : null));
        }
        else if (situation == "rate limit")
        {
            await RawApi.PostTextAsync(emulator, path, json);
        }

        var (actualStatus, _, body) = situation == "wrong key"
            ? await PostWithKeyAsync(emulator, "sk-wrong", json)
            : await RawApi.PostTextAsync(emulator, path, json);

        Assert.Equal((HttpStatusCode)status, actualStatus);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(["error"], document.RootElement.EnumerateObject().Select(p => p.Name));
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name).Where(n => n != "retry_after"));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Errors_FlatEnvelopeOption_EmulatorsOwnErrorsUseTheErrorReferenceShape()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { ErrorEnvelope = ErrorEnvelope.Flat }, Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", """{"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["success", "message", "code", "param", "retry_after", "request_id"], body.EnumerateObject().Select(p => p.Name));
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("Missing required parameter: 'model'.", body.GetProperty("message").GetString());
        Assert.Equal(ErrorCodes.ParameterMissing, body.GetProperty("code").GetString());
        Assert.Equal("model", body.GetProperty("param").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("retry_after").ValueKind);
        Assert.Equal(emulator.Requests[0].RequestId, body.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task Errors_StatusFaultDefault_IsNestedAndFlatWhenAsked()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Slow down"));
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Slow down", envelope: ErrorEnvelope.Flat));

        var (_, _, nested) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat());
        var (_, _, flat) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat());

        Assert.Equal("""{"error":{"message":"Slow down","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}""", nested);
        Assert.Equal("""{"success":false,"message":"Slow down","code":"rate_limit_exceeded","param":null,"retry_after":null,"request_id":"req_emulator_000002"}""", flat);
    }

    [Fact]
    public async Task Errors_StreamErrorFaultFlatEnvelope_SendsTheFlatEvent()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamError(1, ErrorCodes.RateLimitExceeded, "Token limit reached", ErrorEnvelope.Flat));

        var events = await RawApi.PostEventsAsync(emulator, Chat(""","stream":true"""));

        Assert.Equal(2, events.Count);
        Assert.Equal("""{"success":false,"message":"Token limit reached","code":"rate_limit_exceeded","param":null,"retry_after":null,"request_id":"req_emulator_000001"}""", events[1]);
    }

    [Fact]
    public async Task Errors_DefaultNestedEnvelopeThroughTheSdk_ThrowsTypedErrorWithTypeAndRequestIdFromHeader()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.Chat.Completions.CreateAsync(
            new ChatCompletionRequest { Model = "mythic-4", Messages = [new ChatMessage { Role = ChatRole.User }] }, Ct));

        Assert.Equal(ErrorCodes.ParameterMissing, error.Code);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("messages[0].content", error.Param);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }

    // ---- 2. n ------------------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task N_Two_ReturnsTwoChoicesTheSecondWithSuffixAndUsageOfBoth()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = new FakeTimeProvider() }, Ct);

        var (status, _, body) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat(""","n":2""", "\"Hello there\""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"id":"chatcmpl-emulator-000001","object":"chat.completion","created":CREATED,"model":"mythic-4","choices":["""
            + """{"index":0,"message":{"role":"assistant","content":"Echo: Hello there","refusal":null},"logprobs":null,"finish_reason":"stop"},"""
            + """{"index":1,"message":{"role":"assistant","content":"Echo: Hello there (1)","refusal":null},"logprobs":null,"finish_reason":"stop"}],"""
            + Usage(2, 7) + "}",
            Normalize(body));
    }

    [Fact]
    public async Task N_ThreeThroughTheSdk_ReadsThreeChoicesStreamedOrNot()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = TestRequests.Hello();
        request.N = 3;

        var whole = await client.Chat.Completions.CreateAsync(request, Ct);
        var folded = await client.Chat.Completions.CreateStreamingAsync(request, Ct).ToCompletionAsync(Ct);

        string[] expected = ["Echo: Hello!", "Echo: Hello! (1)", "Echo: Hello! (2)"];
        Assert.Equal(expected, whole.Choices.Select(c => c.Message.Content));
        Assert.Equal([0, 1, 2], whole.Choices.Select(c => c.Index));
        Assert.Equal(2 + 3 + 3, whole.Usage!.CompletionTokens);
        Assert.Equal(expected, folded.Choices.Select(c => c.Message.Content));
        Assert.All(folded.Choices, c => Assert.Equal(ChatFinishReason.Stop, c.FinishReason));
    }

    [Fact]
    public async Task N_TwoStreamed_EachChoiceGetsRoleContentAndFinishChunksTakingTurnsThenUsage()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = int.MaxValue }, Ct);

        var events = await RawApi.PostEventsAsync(emulator, Chat(""","n":2,"stream":true,"stream_options":{"include_usage":true}"""));

        Assert.Equal(
            [
                StreamChunk(0, """{"role":"assistant","content":""}""", usageNull: true),
                StreamChunk(1, """{"role":"assistant","content":""}""", usageNull: true),
                StreamChunk(0, """{"content":"Echo: Hi"}""", usageNull: true),
                StreamChunk(1, """{"content":"Echo: Hi (1)"}""", usageNull: true),
                StreamChunk(0, "{}", finishReason: "\"stop\"", usageNull: true),
                StreamChunk(1, "{}", finishReason: "\"stop\"", usageNull: true),
                """{"id":"chatcmpl-emulator-000001","object":"chat.completion.chunk","created":CREATED,"model":"mythic-4","choices":[],""" + Usage(1, 5) + "}",
                "[DONE]",
            ],
            events.Select(Normalize));
    }

    [Fact]
    public async Task N_TwoWithToolCall_EveryChoiceCallsTheToolWithItsOwnId()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat($$""","n":2,"tools":[{{WeatherTool}}]""", "\"Use get_weather in Paris\""));

        Assert.Equal(HttpStatusCode.OK, status);
        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal(2, choices.Count);
        Assert.Equal(["call_emulator_000001", "call_emulator_000001_1"], choices.Select(c => c.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString()));
        Assert.All(choices, c =>
        {
            Assert.Equal("tool_calls", c.GetProperty("finish_reason").GetString());
            Assert.Equal("""{"location":"Paris"}""", c.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        });
        Assert.Equal(2, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task N_TwoWithMaxTokens_CutsEachChoice()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (_, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(""","n":2,"max_tokens":3""", "\"one two three four\""));

        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.All(choices, c =>
        {
            Assert.Equal("Echo: one two", c.GetProperty("message").GetProperty("content").GetString());
            Assert.Equal("length", c.GetProperty("finish_reason").GetString());
        });
        Assert.Equal(6, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task N_128_IsTheMostAccepted()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(""","n":128"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Enumerable.Range(0, 128), body.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("129")]
    [InlineData("1.5")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    public async Task N_OutsideOneTo128OrNotAnInteger_Returns400ParameterInvalid(string n)
    {
        await AssertParameterInvalidAsync(Chat($$""","n":{{n}}"""), "n");
    }

    // ---- 3. max_completion_tokens ------------------------------------------------------------------------------------------

    [Fact]
    public async Task MaxCompletionTokens_BelowReplyLength_CutsReplyWithLengthFinishReasonStreamedOrNot()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("one two three four")], MaxCompletionTokens = 3 };

        var whole = await client.Chat.Completions.CreateAsync(request, Ct);
        var folded = await client.Chat.Completions.CreateStreamingAsync(request, Ct).ToCompletionAsync(Ct);

        Assert.Equal("Echo: one two", whole.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Length, whole.Choices[0].FinishReason);
        Assert.Equal(3, whole.Usage!.CompletionTokens);
        Assert.Equal("Echo: one two", folded.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Length, folded.Choices[0].FinishReason);
    }

    [Fact]
    public async Task MaxCompletionTokens_WithMaxTokens_Returns400NamingBoth()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(""","max_tokens":5,"max_completion_tokens":5"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(ErrorCodes.ParameterInvalid, error.GetProperty("code").GetString());
        Assert.Equal("max_completion_tokens", error.GetProperty("param").GetString());
        Assert.Contains("'max_tokens'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("'max_completion_tokens'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("\"3\"")]
    public async Task MaxCompletionTokens_NotAWholeNumberOfAtLeastOne_Returns400ParameterInvalid(string value)
    {
        await AssertParameterInvalidAsync(Chat($$""","max_completion_tokens":{{value}}"""), "max_completion_tokens");
    }

    // ---- 4. Required-but-nullable fields, in OpenAI's order -----------------------------------------------------------------

    [Fact]
    public async Task Completion_Text_ChoiceCarriesLogprobsNullAndMessageRefusalNullInOrder()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = new FakeTimeProvider() }, Ct);

        var (_, _, body) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat(content: "\"Hello there\""));

        Assert.Equal(
            """{"id":"chatcmpl-emulator-000001","object":"chat.completion","created":CREATED,"model":"mythic-4","choices":["""
            + """{"index":0,"message":{"role":"assistant","content":"Echo: Hello there","refusal":null},"logprobs":null,"finish_reason":"stop"}],"""
            + Usage(2, 3) + "}",
            Normalize(body));
    }

    [Fact]
    public async Task Completion_ToolCall_MessageHasRoleContentRefusalThenToolCalls()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (_, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat($$""","tools":[{{WeatherTool}}]""", "\"Use get_weather in Paris\""));

        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(["index", "message", "logprobs", "finish_reason"], choice.EnumerateObject().Select(p => p.Name));
        var message = choice.GetProperty("message");
        Assert.Equal(["role", "content", "refusal", "tool_calls"], message.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
    }

    [Fact]
    public async Task Stream_ToolCall_EveryChunkChoiceCarriesLogprobsNull()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var events = await RawApi.PostEventsAsync(emulator, Chat($$""","stream":true,"tools":[{{WeatherTool}}]""", "\"Use get_weather in Paris\""));

        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events.SkipLast(1), e =>
        {
            using var chunk = JsonDocument.Parse(e);
            var choice = Assert.Single(chunk.RootElement.GetProperty("choices").EnumerateArray());
            Assert.Equal(["index", "delta", "logprobs", "finish_reason"], choice.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        });
    }

    // ---- 5. logprobs -------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Logprobs_TrueWithTopTwo_OneEntryPerWordWithLeadingSpaceBytesAndAlternatives()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (_, _, body) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat(""","logprobs":true,"top_logprobs":2"""));

        using var document = JsonDocument.Parse(body);
        var choice = document.RootElement.GetProperty("choices")[0];
        Assert.Equal(
            """{"content":["""
            + """{"token":"Echo:","logprob":-0.01,"bytes":[69,99,104,111,58],"top_logprobs":[{"token":"Echo:","logprob":-0.01,"bytes":[69,99,104,111,58]},{"token":"Echo:~1","logprob":-1.01,"bytes":[69,99,104,111,58,126,49]}]},"""
            + """{"token":" Hi","logprob":-0.02,"bytes":[32,72,105],"top_logprobs":[{"token":" Hi","logprob":-0.02,"bytes":[32,72,105]},{"token":" Hi~1","logprob":-1.02,"bytes":[32,72,105,126,49]}]}"""
            + """],"refusal":null}""",
            choice.GetProperty("logprobs").GetRawText());
    }

    [Fact]
    public async Task Logprobs_TrueWithoutTopLogprobs_TokensAddUpToTheTextWithUtf8BytesAndNoAlternatives()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (_, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(""","logprobs":true""", "\"wave  \\u00e9\""));

        var choice = body.GetProperty("choices")[0];
        var content = choice.GetProperty("message").GetProperty("content").GetString();
        var entries = choice.GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.Equal("Echo: wave  é", content);
        Assert.Equal(["Echo:", " wave", "  é"], entries.Select(e => e.GetProperty("token").GetString()));
        Assert.Equal([-0.01, -0.02, -0.03], entries.Select(e => e.GetProperty("logprob").GetDouble()));
        Assert.Equal([32, 32, 0xC3, 0xA9], entries[2].GetProperty("bytes").EnumerateArray().Select(b => b.GetInt32()));
        Assert.All(entries, e => Assert.Empty(e.GetProperty("top_logprobs").EnumerateArray()));
        Assert.Equal(3, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Logprobs_ToolCall_ContentLogprobsNull()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (_, _, body) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat($$""","logprobs":true,"tools":[{{WeatherTool}}]""", "\"Use get_weather in Paris\""));

        using var document = JsonDocument.Parse(body);
        Assert.Equal("""{"content":null,"refusal":null}""", document.RootElement.GetProperty("choices")[0].GetProperty("logprobs").GetRawText());
    }

    [Fact]
    public async Task Logprobs_Streamed_EachContentChunkCarriesTheTokensThatEndInIt()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var events = await RawApi.PostEventsAsync(emulator, Chat(""","stream":true,"logprobs":true,"top_logprobs":1""", "\"Hello!\""));

        var choices = events.SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0]).ToList();
        Assert.Equal(["Echo", ": He", "llo!"], choices.Skip(1).SkipLast(1).Select(c => c.GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(JsonValueKind.Null, choices[0].GetProperty("logprobs").ValueKind);
        Assert.Equal(JsonValueKind.Null, choices[^1].GetProperty("logprobs").ValueKind);
        var carried = choices.Skip(1).SkipLast(1).Select(c => c.GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList()).ToList();
        Assert.Equal([0, 1, 1], carried.Select(c => c.Count));
        Assert.Equal("Echo:", carried[1][0].GetProperty("token").GetString());
        Assert.Equal(-0.01, carried[1][0].GetProperty("logprob").GetDouble());
        Assert.Equal(" Hello!", carried[2][0].GetProperty("token").GetString());
        Assert.Equal(-0.02, carried[2][0].GetProperty("logprob").GetDouble());
        Assert.Equal(" Hello!", Assert.Single(carried[2][0].GetProperty("top_logprobs").EnumerateArray()).GetProperty("token").GetString());
        Assert.All(choices.Skip(1).SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("logprobs").GetProperty("refusal").ValueKind));
    }

    [Theory]
    [InlineData(""","top_logprobs":2""", "top_logprobs")]
    [InlineData(""","logprobs":false,"top_logprobs":2""", "top_logprobs")]
    [InlineData(""","logprobs":true,"top_logprobs":21""", "top_logprobs")]
    [InlineData(""","logprobs":true,"top_logprobs":-1""", "top_logprobs")]
    [InlineData(""","logprobs":true,"top_logprobs":1.5""", "top_logprobs")]
    [InlineData(",\"logprobs\":\"yes\"", "logprobs")]
    public async Task Logprobs_InvalidSettings_Returns400ParameterInvalid(string extra, string param)
    {
        await AssertParameterInvalidAsync(Chat(extra), param);
    }

    [Fact]
    public async Task Logprobs_ThroughTheSdk_TypedWholeAndFoldedFromTheStream()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = TestRequests.Hello();
        request.Logprobs = true;
        request.TopLogprobs = 3;

        var completion = await client.Chat.Completions.CreateAsync(request, Ct);
        var folded = await client.Chat.Completions.CreateStreamingAsync(request, Ct).ToCompletionAsync(Ct);

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Stop, completion.Choices[0].FinishReason);
        foreach (var choice in new[] { completion.Choices[0], folded.Choices[0] })
        {
            var tokens = choice.Logprobs!.Content!;
            Assert.Equal(["Echo:", " Hello!"], tokens.Select(t => t.Token));
            Assert.Equal([-0.01, -0.02], tokens.Select(t => t.Logprob));
            Assert.Equal("Echo:"u8.ToArray().Select(b => (int)b), tokens[0].Bytes!);
            Assert.Equal(["Echo:", "Echo:~1", "Echo:~2"], tokens[0].TopLogprobs!.Select(t => t.Token));
        }
    }

    // ---- 6. Stream usage ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData(""","stream_options":{"include_usage":false}""")]
    [InlineData(""","stream_options":{}""")]
    [InlineData(""","stream_options":null""")]
    public async Task StreamUsage_NotAsked_NoChunkCarriesUsage(string options)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var events = await RawApi.PostEventsAsync(emulator, Chat(""","stream":true""" + options));

        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.DoesNotContain("\"usage\"", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamUsage_IncludeUsage_OneFinalChunkWithEmptyChoicesAndUsageBeforeDone()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = int.MaxValue }, Ct);

        var events = await RawApi.PostEventsAsync(emulator, Chat(""","stream":true,"stream_options":{"include_usage":true}"""));

        Assert.Equal(
            [
                StreamChunk(0, """{"role":"assistant","content":""}""", usageNull: true),
                StreamChunk(0, """{"content":"Echo: Hi"}""", usageNull: true),
                StreamChunk(0, "{}", finishReason: "\"stop\"", usageNull: true),
                """{"id":"chatcmpl-emulator-000001","object":"chat.completion.chunk","created":CREATED,"model":"mythic-4","choices":[],""" + Usage(1, 2) + "}",
                "[DONE]",
            ],
            events.Select(Normalize));
    }

    [Fact]
    public async Task StreamUsage_IncludeUsageThroughTheSdk_FoldedCompletionCarriesUsage()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(TestRequests.WithStreamUsage(TestRequests.Hello()), Ct))
        {
            chunks.Add(chunk);
        }

        Assert.Empty(chunks[^1].Choices);
        Assert.Equal(4, chunks[^1].Usage!.PromptTokens);
        Assert.Equal(2, chunks[^1].Usage!.CompletionTokens);
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c.Usage));
        Assert.Equal(ChatFinishReason.Stop, chunks[^2].Choices[0].FinishReason);
    }

    [Theory]
    [InlineData(""","stream_options":{"include_usage":true}""", "stream_options")]
    [InlineData(""","stream":false,"stream_options":{"include_usage":true}""", "stream_options")]
    [InlineData(""","stream":true,"stream_options":true""", "stream_options")]
    [InlineData(""","stream":true,"stream_options":{"include_usage":"yes"}""", "stream_options.include_usage")]
    public async Task StreamUsage_StreamOptionsWithoutStreamOrMalformed_Returns400ParameterInvalid(string extra, string param)
    {
        await AssertParameterInvalidAsync(Chat(extra), param);
    }

    // ---- 7. Usage details and predicted outputs ----------------------------------------------------------------------------

    [Theory]
    [InlineData("\"the dog sat down\"")]
    [InlineData("""[{"type":"text","text":"the dog"},{"type":"text","text":"sat down"}]""")]
    public async Task Prediction_Content_AcceptedAreReplyWordsInPredictionRejectedArePredictionWordsNotInReply(string content)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostTextAsync(emulator, "chat/completions", Chat($$""","prediction":{"type":"content","content":{{content}}}""", "\"the cat sat\""));

        Assert.Equal(HttpStatusCode.OK, status);
        using var document = JsonDocument.Parse(body);

        // Reply "Echo: the cat sat": "the" and "sat" are predicted (2 accepted); "dog" and "down" are not in the reply (2 rejected,
        // billed as completion tokens on top of the reply's 4).
        Assert.Equal("{" + Usage(3, 6, accepted: 2, rejected: 2) + "}", "{\"usage\":" + document.RootElement.GetProperty("usage").GetRawText() + "}");
    }

    [Fact]
    public async Task Prediction_Streamed_FinalUsageChunkCarriesTheDetails()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var events = await RawApi.PostEventsAsync(emulator, Chat(""","stream":true,"stream_options":{"include_usage":true},"prediction":{"type":"content","content":"the dog sat down"}""", "\"the cat sat\""));

        using var usageChunk = JsonDocument.Parse(events[^2]);
        Assert.Equal("{" + Usage(3, 6, accepted: 2, rejected: 2) + "}", "{\"usage\":" + usageChunk.RootElement.GetProperty("usage").GetRawText() + "}");
    }

    [Theory]
    [InlineData("\"the dog\"", ErrorCodes.ParameterInvalid, "prediction")]
    [InlineData("""{"content":"a"}""", ErrorCodes.ParameterMissing, "prediction.type")]
    [InlineData("""{"type":"text","content":"a"}""", ErrorCodes.ParameterInvalid, "prediction.type")]
    [InlineData("""{"type":"content"}""", ErrorCodes.ParameterMissing, "prediction.content")]
    [InlineData("""{"type":"content","content":5}""", ErrorCodes.ParameterInvalid, "prediction.content")]
    [InlineData("""{"type":"content","content":[]}""", ErrorCodes.ParameterInvalid, "prediction.content")]
    [InlineData("""{"type":"content","content":[{"type":"image_url","text":"a"}]}""", ErrorCodes.ParameterInvalid, "prediction.content[0]")]
    [InlineData("""{"type":"content","content":[{"type":"text","text":"a"},{"type":"text"}]}""", ErrorCodes.ParameterInvalid, "prediction.content[1]")]
    public async Task Prediction_WrongShape_Returns400NamingThePart(string prediction, string code, string param)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat($$""","prediction":{{prediction}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
    }

    // ---- 8. Vision ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Vision_TextAndTwoImages_EchoesTheTextWithTheImageCountAndCountsOnlyTextTokens()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var content = $$$"""
            [{"type":"text","text":"What is in"},
             {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"high"}},
             {"type":"text","text":"these pictures?"},
             {"type":"image_url","image_url":{"url":"{{{PngDataUrl}}}"}}]
            """;

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(content: content, model: "mythic-4-vision"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Echo: What is in these pictures? [2 images]", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(8, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Vision_OneImageNoText_EchoesTheImageCount()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (_, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(content: Images(1), model: "mythic-4-vision"));

        Assert.Equal("Echo: [1 image]", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(0, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Vision_TenImages_AreAccepted()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(content: Images(10), model: "mythic-4-vision"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Echo: [10 images]", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData(11, 0)]
    [InlineData(6, 5)]
    public async Task Vision_MoreThanTenImagesInTheRequest_Returns400NamingTheLimit(int first, int second)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var messages = second == 0
            ? $$"""[{"role":"user","content":{{Images(first)}}}]"""
            : $$"""[{"role":"user","content":{{Images(first)}}},{"role":"assistant","content":"Seen."},{"role":"user","content":{{Images(second)}}}]""";

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", $$"""{"model":"mythic-4-vision","messages":{{messages}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(ErrorCodes.ParameterInvalid, error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Contains("at most 10 images", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mythic-4")]
    [InlineData("mythic-4-mini")]
    public async Task Vision_ImagesToAModelWithoutVision_Returns400ModelDoesNotSupportImages(string model)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Chat(content: Images(1), model: model));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(ErrorCodes.ParameterInvalid, error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Contains("does not support image input", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"ftp://example.com/a.png\"")]
    [InlineData("\"example.com/a.png\"")]
    [InlineData("\"data:text/plain;base64,aGk=\"")]
    [InlineData("\"data:image/png;base64,not base64!\"")]
    [InlineData("\"data:image/png,aGk=\"")]
    [InlineData("\"data:image/png;base64,\"")]
    [InlineData("5")]
    public async Task Vision_InvalidImageUrl_Returns400NamingTheUrl(string url)
    {
        var content = $$$"""[{"type":"image_url","image_url":{"url":{{{url}}}}}]""";

        await AssertParameterInvalidAsync(Chat(content: content, model: "mythic-4-vision"), "messages[0].content[0].image_url.url");
    }

    [Theory]
    [InlineData("data:image/jpeg;base64,/9j/4AAQSkZJRg==")]
    [InlineData("data:image/gif;base64,R0lGODlh")]
    [InlineData("data:image/webp;base64,UklGRg==")]
    [InlineData("http://example.com/a.jpg")]
    public async Task Vision_AcceptedImageUrls_Return200(string url)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, _) = await RawApi.PostAsync(emulator, "chat/completions", Chat(content: $$$"""[{"type":"image_url","image_url":{"url":"{{{url}}}","detail":"low"}}]""", model: "mythic-4-vision"));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("""[{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"medium"}}]""", "messages[0].content[0].image_url.detail")]
    [InlineData("""[{"type":"image_url","image_url":"https://example.com/a.png"}]""", "messages[0].content[0].image_url")]
    [InlineData("""[{"type":"input_audio","input_audio":{}}]""", "messages[0].content[0].type")]
    [InlineData("""[{"type":"text","text":5}]""", "messages[0].content[0].text")]
    [InlineData("""[]""", "messages[0].content")]
    public async Task Vision_MalformedPart_Returns400NamingIt(string content, string param)
    {
        await AssertParameterInvalidAsync(Chat(content: content, model: "mythic-4-vision"), param);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("developer")]
    [InlineData("assistant")]
    [InlineData("tool")]
    public async Task Vision_ImagePartInANonUserMessage_Returns400(string role)
    {
        var toolCallId = role == "tool" ? ""","tool_call_id":"call_1" """ : string.Empty;
        var json = $$"""{"model":"mythic-4-vision","messages":[{"role":"{{role}}","content":{{Images(1)}}{{toolCallId}}},{"role":"user","content":"Hi"}]}""";

        await AssertParameterInvalidAsync(json, "messages[0].content[0]");
    }

    [Fact]
    public async Task Vision_TextPartsInOtherRoles_AreAcceptedAndCounted()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        const string Json = """
            {"model":"mythic-4","messages":[
              {"role":"system","content":[{"type":"text","text":"Be brief."}]},
              {"role":"assistant","content":[{"type":"text","text":"Sure."},{"type":"refusal","refusal":"No images."}]},
              {"role":"user","content":[{"type":"text","text":"Hi"}]}]}
            """;

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", Json);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Echo: Hi", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(4, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    // ---- 9. The developer role ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task DeveloperRole_LikeSystem_IsAcceptedAndCounted()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", """{"model":"mythic-4","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Echo: Hi", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(3, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------------------

    /// <summary>A chat request with one user message; <paramref name="extra"/> (starting with a comma) adds fields.</summary>
    private static string Chat(string extra = "", string content = "\"Hi\"", string model = "mythic-4") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":{{content}}}]{{extra}}}""";

    /// <summary>A content array of <paramref name="count"/> image parts.</summary>
    private static string Images(int count) =>
        "[" + string.Join(",", Enumerable.Repeat($$$"""{"type":"image_url","image_url":{"url":"{{{PngDataUrl}}}"}}""", count)) + "]";

    private static string Usage(int prompt, int completion, int accepted = 0, int rejected = 0) =>
        "\"usage\":" + $$$"""{"prompt_tokens":{{{prompt}}},"completion_tokens":{{{completion}}},"total_tokens":{{{prompt + completion}}},"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":{{{accepted}}},"rejected_prediction_tokens":{{{rejected}}}}}""";

    private static string StreamChunk(int index, string delta, string finishReason = "null", bool usageNull = false) =>
        $$"""{"id":"chatcmpl-emulator-000001","object":"chat.completion.chunk","created":CREATED,"model":"mythic-4","choices":[{"index":{{index}},"delta":{{delta}},"logprobs":null,"finish_reason":{{finishReason}}}]{{(usageNull ? ",\"usage\":null" : string.Empty)}}}""";

    private static string Normalize(string json) => CreatedPattern.Replace(json, "\"created\":CREATED");

    private static ChatCompletionRequest WithExtra(ChatCompletionRequest request, string name, string json)
    {
        request.AdditionalProperties ??= new Dictionary<string, JsonElement>();
        request.AdditionalProperties[name] = JsonDocument.Parse(json).RootElement.Clone();
        return request;
    }

    private static async Task AssertParameterInvalidAsync(string json, string param)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal(ErrorCodes.ParameterInvalid, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    private static async Task<(HttpStatusCode Status, System.Net.Http.Headers.HttpResponseHeaders Headers, string Body)> PostWithKeyAsync(MythicDotEmulator emulator, string key, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "chat/completions"))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, response.Headers, await response.Content.ReadAsStringAsync(Ct));
    }
}
