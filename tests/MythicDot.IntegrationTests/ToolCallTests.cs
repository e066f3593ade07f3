using System.Net;
using System.Text.Json;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests;

/// <summary>Tool calls through the emulator: when the prompt names a tool, its arguments, the round trip, streamed fragments.</summary>
public sealed class ToolCallTests
{
    private const string WeatherSchema = """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_PromptNamesOfferedTool_ReturnsToolCallWithArgumentsFromPrompt()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var completion = await client.Chat.Completions.CreateAsync(WeatherRequest("What's the weather in Paris? Use get_weather."), Ct);

        var choice = Assert.Single(completion.Choices);
        Assert.Equal(ChatFinishReason.ToolCalls, choice.FinishReason);
        Assert.Null(choice.Message.Content);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("call_emulator_000001", call.Id);
        Assert.Equal("function", call.Type);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("""{"location":"Paris"}""", call.Function!.Arguments);
        Assert.Equal("Paris", call.ParseArguments().GetProperty("location").GetString());
    }

    [Fact]
    public async Task CreateAsync_PromptNamesNoOfferedTool_ReturnsText()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var completion = await client.Chat.Completions.CreateAsync(WeatherRequest("What's the weather in Paris?"), Ct);

        Assert.Equal("Echo: What's the weather in Paris?", completion.Choices[0].Message.Content);
        Assert.Null(completion.Choices[0].Message.ToolCalls);
        Assert.Equal(ChatFinishReason.Stop, completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateAsync_ToolChoiceNone_ReturnsTextThoughPromptNamesTool()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = WeatherRequest("Use get_weather for Paris");
        request.ToolChoice = ChatToolChoice.None;

        var completion = await client.Chat.Completions.CreateAsync(request, Ct);

        Assert.Equal("Echo: Use get_weather for Paris", completion.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Stop, completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateAsync_ToolChoiceForcesFunctionPromptDoesNotName_ReturnsCallOfThatFunction()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = WeatherRequest("Is it raining in Oslo?");
        request.Tools = [.. request.Tools!, ChatTool.CreateFunction("get_time", "Gets the local time", WeatherSchema)];
        request.ToolChoice = ChatToolChoice.ForFunction("get_time");

        var completion = await client.Chat.Completions.CreateAsync(request, Ct);

        var call = Assert.Single(completion.Choices[0].Message.ToolCalls!);
        Assert.Equal("get_time", call.Function!.Name);
        Assert.Equal("""{"location":"Oslo"}""", call.Function!.Arguments);
    }

    [Fact]
    public async Task CreateAsync_SchemaWithEnumNumberAndMultiWordPlace_FillsEachRequiredProperty()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        const string Schema = """
            {"type":"object","properties":{
              "city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer"},"detailed":{"type":"boolean"}},
             "required":["city","unit","days"]}
            """;
        var request = new ChatCompletionRequest
        {
            Model = "mythic-4",
            Messages = [ChatMessage.User("Call get_forecast: 3 days in New York, in Fahrenheit please")],
            Tools = [ChatTool.CreateFunction("get_forecast", "Gets the forecast", Schema)],
        };

        var completion = await client.Chat.Completions.CreateAsync(request, Ct);

        Assert.Equal("""{"city":"New York","unit":"fahrenheit","days":3}""", completion.Choices[0].Message.ToolCalls![0].Function!.Arguments);
    }

    [Fact]
    public async Task CreateAsync_ToolResultAfterToolCall_RepliesWithTheToolResult()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = WeatherRequest("What's the weather in Paris? Use get_weather.");
        var first = await client.Chat.Completions.CreateAsync(request, Ct);
        var call = first.Choices[0].Message.ToolCalls![0];
        request.Messages = [.. request.Messages, first.Choices[0].Message, ChatMessage.Tool(call.Id, """{"temperature_c":21}""")];

        var final = await client.Chat.Completions.CreateAsync(request, Ct);

        Assert.Equal("""get_weather returned: {"temperature_c":21}""", final.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Stop, final.Choices[0].FinishReason);
        Assert.Null(final.Choices[0].Message.ToolCalls);
        using var sent = JsonDocument.Parse(emulator.Requests[1].Body);
        var messages = sent.RootElement.GetProperty("messages");
        Assert.Equal("call_emulator_000001", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal(call.Id, messages[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task CreateStreamingAsync_ToolCall_SendsIdAndNameThenArgumentsInSeveralFragments()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var deltas = new List<ChatToolCallDelta>();

        await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(WeatherRequest("What's the weather in Paris? Use get_weather."), Ct))
        {
            deltas.AddRange(chunk.Choices[0].Delta.ToolCalls ?? []);
        }

        Assert.Equal("call_emulator_000001", deltas[0].Id);
        Assert.Equal("get_weather", deltas[0].Function!.Name);
        Assert.All(deltas.Skip(1), d => Assert.Null(d.Id));
        Assert.All(deltas, d => Assert.Equal(0, d.Index));
        Assert.True(deltas.Count > 2, "the arguments should arrive in several fragments");
        Assert.Equal("""{"location":"Paris"}""", string.Concat(deltas.Select(d => d.Function!.Arguments)));
    }

    [Fact]
    public async Task ToCompletionAsync_StreamedToolCall_FoldsFragmentsIntoParsedArguments()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var folded = await client.Chat.Completions.CreateStreamingAsync(WeatherRequest("What's the weather in Paris? Use get_weather."), Ct).ToCompletionAsync(Ct);

        var choice = Assert.Single(folded.Choices);
        Assert.Equal(ChatFinishReason.ToolCalls, choice.FinishReason);
        Assert.Null(choice.Message.Content);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("call_emulator_000001", call.Id);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("Paris", call.ParseArguments().GetProperty("location").GetString());
    }

    [Fact]
    public async Task Emulator_ToolChoiceNamesFunctionNotOffered_Returns400ParameterInvalid()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "chat/completions", """
            {"model":"mythic-4","messages":[{"role":"user","content":"Hi"}],
             "tools":[{"type":"function","function":{"name":"get_weather"}}],
             "tool_choice":{"type":"function","function":{"name":"get_time"}}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.ParameterInvalid, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("tool_choice", body.GetProperty("error").GetProperty("param").GetString());
    }

    private static ChatCompletionRequest WeatherRequest(string prompt) => new()
    {
        Model = "mythic-4",
        Messages = [ChatMessage.User(prompt)],
        Tools = [ChatTool.CreateFunction("get_weather", "Gets the weather", WeatherSchema)],
    };
}
