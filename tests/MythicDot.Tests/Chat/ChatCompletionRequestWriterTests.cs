using System.Text;
using System.Text.Json;
using MythicDot.Chat;
using MythicDot.Serialization;

namespace MythicDot.Tests.Chat;

/// <summary>The hand-written request writer must write what the generated serializer writes, byte for byte.</summary>
public sealed class ChatCompletionRequestWriterTests
{
    private static ChatCompletionRequest EveryField() => new()
    {
        Model = "mythic-4",
        Messages =
        [
            ChatMessage.System("Be <brief> & \"exact\" \u00e9 \U0001F600 \n\t\u0001"),
            new ChatMessage { Role = ChatRole.User, Content = "Weather?", Name = "ann", AdditionalProperties = new Dictionary<string, JsonElement> { ["x_tag"] = Json("""{"a":[1,2.5,null]}""") } },
            ChatMessage.Assistant(null, [new ChatToolCall { Id = "call_1", Function = new ChatFunctionCall { Name = "get_weather", Arguments = """{"location":"Paris"}""" } }]),
            ChatMessage.Tool("call_1", """{"temp":21}"""),
            new ChatMessage { Role = new ChatRole("developer"), Content = "" },
            ChatMessage.User([ChatContentPart.CreateText("What is this?"), ChatContentPart.CreateImageFromUrl(new Uri("https://example.com/a.png"), ChatImageDetail.Low), ChatContentPart.CreateImageFromBytes(new byte[] { 1, 2, 3 }, "image/png")]),
            new ChatMessage { Role = ChatRole.Assistant, Refusal = "I can't help with that." },
        ],
        Temperature = 0.7,
        TopP = 1,
        MaxTokens = 256,
        MaxCompletionTokens = 300,
        N = 2,
        Stop = ["\n\n", "END"],
        Tools = [new ChatTool { Function = new ChatFunctionDefinition { Name = "get_weather", Description = "Weather", Parameters = Json("""{"type":"object"}""") } }],
        ToolChoice = ChatToolChoice.ForFunction("get_weather"),
        ResponseFormat = new ChatResponseFormat { Type = ChatResponseFormatType.JsonSchema, JsonSchema = new ChatJsonSchema { Name = "w", Schema = Json("""{"type":"object"}"""), Strict = true } },
        Logprobs = true,
        TopLogprobs = 3,
        Prediction = ChatPrediction.FromContent("The weather in Paris is sunny."),
        StreamOptions = new ChatStreamOptions { IncludeUsage = true },
        AdditionalProperties = new Dictionary<string, JsonElement> { ["seed"] = Json("42"), ["logit_bias"] = Json("""{"50256":-100}""") },
    };

    public static TheoryData<string> Requests() => ["every field", "minimal", "one stop sequence"];

    [Theory]
    [MemberData(nameof(Requests))]
    public void ToUtf8Bytes_NotStreaming_MatchesTheGeneratedSerializer(string name)
    {
        var request = Build(name);

        var written = ChatCompletionRequestWriter.ToUtf8Bytes(request, streaming: false);

        Assert.Equal(Generated(request), Encoding.UTF8.GetString(written));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void ToUtf8Bytes_Streaming_MatchesTheGeneratedSerializerWithStreamFirst(string name)
    {
        var request = Build(name);

        var written = ChatCompletionRequestWriter.ToUtf8Bytes(request, streaming: true);

        Assert.Equal("{\"stream\":true," + Generated(request)[1..], Encoding.UTF8.GetString(written));
    }

    [Theory]
    [InlineData(typeof(ChatCompletionRequest))]
    [InlineData(typeof(ChatMessage))]
    public void EveryField_SetsEveryProperty_SoThatANewOneCannotBeDroppedUnseen(Type type)
    {
        var requests = new[] { "every field" }.Select(Build).ToList();
        var instances = type == typeof(ChatCompletionRequest) ? requests.Cast<object>().ToList() : requests.SelectMany(r => r.Messages).Cast<object>().ToList();

        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(
                instances.Any(i => property.GetValue(i) is { } value && !value.Equals(Activator.CreateInstance(property.PropertyType.IsValueType ? property.PropertyType : typeof(object)))),
                $"{type.Name}.{property.Name} is not set by the requests under test: set it in EveryField(), and write it in ChatCompletionRequestWriter.");
        }
    }

    [Fact]
    public void ToUtf8Bytes_LargeThenSmall_WritesEachWhole()
    {
        var large = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User(new string('x', 100_000))] };
        var small = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] };

        Assert.Equal(Generated(large), Encoding.UTF8.GetString(ChatCompletionRequestWriter.ToUtf8Bytes(large, streaming: false)));
        Assert.Equal(Generated(small), Encoding.UTF8.GetString(ChatCompletionRequestWriter.ToUtf8Bytes(small, streaming: false)));
        Assert.Equal(Generated(small), Encoding.UTF8.GetString(ChatCompletionRequestWriter.ToUtf8Bytes(small, streaming: false)));
    }

    private static ChatCompletionRequest Build(string name)
    {
        var request = name == "minimal" ? new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] } : EveryField();
        switch (name)
        {
            case "one stop sequence":
                request.Stop = ["END"];
                break;
        }

        return request;
    }

    private static string Generated(ChatCompletionRequest request) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(request, ChatJsonContext.Default.ChatCompletionRequest));

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
