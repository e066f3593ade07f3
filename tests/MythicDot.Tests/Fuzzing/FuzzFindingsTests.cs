using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Fuzzing;

/// <summary>Inputs the fuzz targets found, kept as plain tests so that they run whatever the seed.</summary>
public sealed class FuzzFindingsTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task CreateAsync_BlankFinishReason_ReadAsAnEmptyValueNotAThrow(string reason)
    {
        _api.Enqueue(HttpStatusCode.OK, Completion("\"finish_reason\":\"" + reason + "\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"}"));
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var choice = Assert.Single(completion.Choices);
        Assert.Equal("Hi", choice.Message.Content);
        Assert.Equal(string.Empty, choice.FinishReason?.Value);
    }

    [Fact]
    public async Task CreateAsync_EmptyRole_ReadAsAnEmptyValueNotAThrow()
    {
        _api.Enqueue(HttpStatusCode.OK, Completion("\"finish_reason\":\"stop\",\"message\":{\"role\":\"\",\"content\":\"Hi\"}"));
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var choice = Assert.Single(completion.Choices);
        Assert.Equal(string.Empty, choice.Message.Role.Value);
        Assert.Equal(ChatFinishReason.Stop, choice.FinishReason);
    }

    [Fact]
    public async Task CreateStreamingAsync_BlankRoleInAChunk_StreamStillReadToTheEnd()
    {
        var client = StreamingClient(
            "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\" \"}]}\n\n"
            + "data: [DONE]\n\n");

        var completion = await client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken).ToCompletionAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Hello", Assert.Single(completion.Choices).Message.Content);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task CreateAsync_Base64VectorWithNonFiniteValue_ApiErrorLikeTheArrayForm(float bad)
    {
        var base64 = Convert.ToBase64String([.. BitConverter.GetBytes(0.5f), .. BitConverter.GetBytes(bad)]);
        _api.Enqueue(HttpStatusCode.OK, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":\"" + base64 + "\"}],\"model\":\"mythic-embed-3\"}");
        var client = _api.Client();

        var error = await _api.FailsAsync<ApiError>(client.Embeddings.CreateAsync(new("mythic-embed-3", "hello")));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException);
    }

    [Theory]
    [InlineData("\"choices\":null")]
    [InlineData("\"choices\":[null]")]
    [InlineData("\"choices\":[{\"index\":0,\"delta\":null}]")]
    [InlineData("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[null]}}]")]
    public async Task ToCompletionAsync_ChunkWithNullChoicesOrToolCalls_SkipsThem(string choices)
    {
        var client = StreamingClient(
            "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n"
            + "data: {\"id\":\"c\"," + choices + "}\n\n"
            + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n");

        var completion = await client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken).ToCompletionAsync(TestContext.Current.CancellationToken);

        var choice = Assert.Single(completion.Choices);
        Assert.Equal("Hello", choice.Message.Content);
        Assert.Null(choice.Message.ToolCalls);
    }

    private static string Completion(string choiceFields) =>
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0," + choiceFields + "}]}";

    private static MythicDotClient StreamingClient(string events)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(events, Encoding.UTF8, "text/event-stream") });
        return new MythicDotClient(mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-test", BaseUrl = new Uri("https://api.test/v1/") });
    }
}
