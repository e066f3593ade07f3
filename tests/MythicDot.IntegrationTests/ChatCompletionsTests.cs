using System.Net;
using System.Text.Json;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

public sealed class ChatCompletionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_ValidRequest_ReturnsDeterministicEcho()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var client = emulator.CreateClient();

        var completion = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        Assert.Equal("chatcmpl-emulator-000001", completion.Id);
        Assert.Equal("mythic-4", completion.Model);
        Assert.Equal(clock.GetUtcNow(), completion.Created);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(ChatRole.Assistant, choice.Message.Role);
        Assert.Equal("Echo: Hello!", choice.Message.Content);
        Assert.Equal(ChatFinishReason.Stop, choice.FinishReason);
        Assert.Equal(4, completion.Usage!.PromptTokens);
        Assert.Equal(2, completion.Usage.CompletionTokens);
        Assert.Equal(6, completion.Usage.TotalTokens);
        Assert.Equal(emulator.Requests[0].RequestId, completion.Response!.RequestId);
    }

    [Fact]
    public async Task CreateAsync_ValidRequest_SendsKeyHeadersAndExactJsonBody()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        var request = Assert.Single(emulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal("Bearer sk-emulator-key", request.Headers["authorization"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.StartsWith("MythicDot-dotnet/", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal(TestRequests.HelloJson, request.Body);
        Assert.Equal(TestRequests.HelloJson.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
    }

    [Fact]
    public async Task CreateAsync_ApiVersionAndDefaultHeadersSet_SendsThem()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o =>
        {
            o.ApiVersion = "2025-01-01";
            o.DefaultHeaders["mythicdot-beta"] = "tools-v2";
        });

        await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        var headers = Assert.Single(emulator.Requests).Headers;
        Assert.Equal("2025-01-01", headers["mythicdot-version"]);
        Assert.Equal("tools-v2", headers["mythicdot-beta"]);
    }

    [Fact]
    public async Task CreateAsync_ValidRequest_ResponseCarriesRateLimitHeaders()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var completion = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        var response = completion.Response!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10000", response.GetHeader("x-ratelimit-limit-requests"));
        Assert.Equal("9999", response.GetHeader("x-ratelimit-remaining-requests"));
        Assert.Equal("2000000", response.GetHeader("x-ratelimit-limit-tokens"));
        Assert.Equal("2000000", response.GetHeader("x-ratelimit-remaining-tokens"));
        Assert.NotNull(response.GetHeader("x-ratelimit-reset-requests"));
        Assert.NotNull(response.GetHeader("x-ratelimit-reset-tokens"));
    }

    [Fact]
    public async Task CreateAsync_WrongKey_ThrowsAuthenticationErrorWithCodeAndRequestId()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o => o.ApiKey = "sk-wrong-key");

        var error = await Assert.ThrowsAsync<AuthenticationError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(ErrorCodes.InvalidApiKey, error.Code);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal(request.RequestId, error.RequestId);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("Bearer sk-wrong-key", request.Headers["Authorization"]);
        Assert.DoesNotContain("sk-wrong-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_WrongKeyWithNestedEnvelope_ThrowsAuthenticationErrorWithErrorType()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { ErrorEnvelope = ErrorEnvelope.Nested }, Ct);
        var client = emulator.CreateClient(o => o.ApiKey = "sk-wrong-key");

        var error = await Assert.ThrowsAsync<AuthenticationError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(ErrorCodes.InvalidApiKey, error.Code);
        Assert.Equal("authentication_error", error.ErrorType);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }

    [Fact]
    public async Task CreateAsync_MessageWithoutContent_ThrowsBadRequestErrorWithParam()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [new ChatMessage { Role = ChatRole.User }] };

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.Chat.Completions.CreateAsync(request, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(ErrorCodes.ParameterMissing, error.Code);
        Assert.Equal("messages[0].content", error.Param);
        Assert.Equal("""{"model":"mythic-4","messages":[{"role":"user"}]}""", Assert.Single(emulator.Requests).Body);
    }

    [Fact]
    public async Task CreateAsync_UnknownModel_ThrowsNotFoundErrorWithModelNotFoundCode()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello("mythic-99"), Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
        Assert.Equal("model", error.Param);
        Assert.Equal(1, error.Attempts);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateAsync_MaxTokensBelowReplyLength_ReturnsCutReplyWithLengthFinishReason()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4-mini", Messages = [ChatMessage.User("one two three four")], MaxTokens = 3 };

        var completion = await client.Chat.Completions.CreateAsync(request, Ct);

        Assert.Equal("Echo: one two", completion.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Length, completion.Choices[0].FinishReason);
        Assert.Equal(3, completion.Usage!.CompletionTokens);
    }

    [Fact]
    public async Task CreateAsync_ToolChoiceNamesFunction_ReturnsToolCall()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest
        {
            Model = "mythic-4",
            Messages = [ChatMessage.User("Weather in Paris?")],
            Tools = [ChatTool.CreateFunction("get_weather", "Gets the weather", """{"type":"object","properties":{"location":{"type":"string"}}}""")],
            ToolChoice = ChatToolChoice.ForFunction("get_weather"),
        };

        var completion = await client.Chat.Completions.CreateAsync(request, Ct);

        var message = completion.Choices[0].Message;
        Assert.Null(message.Content);
        var call = Assert.Single(message.ToolCalls!);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("{}", call.Function!.Arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, completion.Choices[0].FinishReason);
        using var sent = JsonDocument.Parse(emulator.Requests[0].Body);
        Assert.Equal("get_weather", sent.RootElement.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
    }
}
