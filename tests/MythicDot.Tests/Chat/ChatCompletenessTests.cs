using System.Net;
using System.Text;
using System.Text.Json;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Chat;

/// <summary>
/// Against a server that sends OpenAI's whole chat schema, nothing is lost: usage details, log probabilities, refusals (whole and
/// streamed), tool calls of a type the SDK does not know, and fields of any object the SDK does not type. And what a caller sets
/// (content parts, predictions, stream options, n, max_completion_tokens) goes on the wire exactly, or fails before sending.
/// </summary>
public sealed class ChatCompletenessTests : IDisposable
{
    private const string FullSchemaCompletion = """
        {"id":"chatcmpl-9","object":"chat.completion","created":1704067200,"model":"mythic-4","system_fingerprint":"fp_44","service_tier":"default",
         "choices":[
           {"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that.","annotations":[]},
            "logprobs":{"content":null,"refusal":[{"token":"I","logprob":-0.5,"bytes":[73],"top_logprobs":[{"token":"I","logprob":-0.5,"bytes":[73]},{"token":"Sorry","logprob":-1.25,"bytes":null}]}]},
            "finish_reason":"stop"},
           {"index":1,"message":{"role":"assistant","content":"Paris.","refusal":null,
              "tool_calls":[{"id":"call_c","type":"custom","custom":{"name":"grep","input":"TODO"}},
                            {"id":"call_f","type":"function","function":{"name":"get_weather","arguments":"{}","strict_hint":true}}]},
            "logprobs":{"content":[{"token":"Paris","logprob":-0.01,"bytes":[80,97,114,105,115],"top_logprobs":[]},{"token":".","logprob":-0.002,"bytes":[46],"top_logprobs":[]}],"refusal":null},
            "finish_reason":"tool_calls","stop_details":{"kind":"x"}}],
         "usage":{"prompt_tokens":20,"completion_tokens":12,"total_tokens":32,
           "prompt_tokens_details":{"cached_tokens":16,"audio_tokens":0,"image_tokens":85},
           "completion_tokens_details":{"reasoning_tokens":4,"audio_tokens":0,"accepted_prediction_tokens":3,"rejected_prediction_tokens":1,"future_tokens":7}}}
        """;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_FullSchema_UsageDetailsTyped()
    {
        var completion = await CompleteAsync(FullSchemaCompletion);

        var usage = completion.Usage!;
        Assert.Equal(16, usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(0, usage.PromptTokensDetails.AudioTokens);
        Assert.Equal(85, usage.PromptTokensDetails.AdditionalProperties!["image_tokens"].GetInt32());
        Assert.Equal(4, usage.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal(3, usage.CompletionTokensDetails.AcceptedPredictionTokens);
        Assert.Equal(1, usage.CompletionTokensDetails.RejectedPredictionTokens);
        Assert.Equal(7, usage.CompletionTokensDetails.AdditionalProperties!["future_tokens"].GetInt32());
    }

    [Fact]
    public async Task CreateAsync_FullSchema_LogprobsAndRefusalTyped()
    {
        var completion = await CompleteAsync(FullSchemaCompletion);

        var refused = completion.Choices[0];
        Assert.Null(refused.Message.Content);
        Assert.Equal("I can't help with that.", refused.Message.Refusal);
        Assert.Null(refused.Logprobs!.Content);
        var token = Assert.Single(refused.Logprobs.Refusal!);
        Assert.Equal("I", token.Token);
        Assert.Equal(-0.5, token.Logprob);
        Assert.Equal([73], token.Bytes!);
        Assert.Equal(["I", "Sorry"], token.TopLogprobs!.Select(t => t.Token));
        Assert.Equal(-1.25, token.TopLogprobs![1].Logprob);
        Assert.Null(token.TopLogprobs[1].Bytes);

        var answered = completion.Choices[1];
        Assert.Null(answered.Message.Refusal);
        Assert.Equal(["Paris", "."], answered.Logprobs!.Content!.Select(t => t.Token));
        Assert.Equal([80, 97, 114, 105, 115], answered.Logprobs.Content![0].Bytes!);
    }

    [Fact]
    public async Task CreateAsync_UnknownToolCallType_KeptAsItCameWithoutAFunction()
    {
        var completion = await CompleteAsync(FullSchemaCompletion);

        var calls = completion.Choices[1].Message.ToolCalls!;
        Assert.Equal("custom", calls[0].Type);
        Assert.Null(calls[0].Function);
        Assert.Equal("grep", calls[0].AdditionalProperties!["custom"].GetProperty("name").GetString());
        Assert.Equal("TODO", calls[0].AdditionalProperties!["custom"].GetProperty("input").GetString());
        var invalid = Assert.Throws<InvalidOperationException>(() => calls[0].ParseArguments());
        Assert.Contains("'custom'", invalid.Message, StringComparison.Ordinal);
        Assert.Equal("get_weather", calls[1].Function!.Name);
        Assert.True(calls[1].Function!.AdditionalProperties!["strict_hint"].GetBoolean());
    }

    [Fact]
    public async Task CreateAsync_FullSchema_UnknownFieldsOfEveryObjectKept()
    {
        var completion = await CompleteAsync(FullSchemaCompletion);

        Assert.Equal("fp_44", completion.AdditionalProperties!["system_fingerprint"].GetString());
        Assert.Equal(JsonValueKind.Array, completion.Choices[0].Message.AdditionalProperties!["annotations"].ValueKind);
        Assert.Equal("x", completion.Choices[1].AdditionalProperties!["stop_details"].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task CreateAsync_RequiredNullableFields_ReadByTheFastPathAsNull()
    {
        // What the emulator and OpenAI send on every answer that asked for nothing more: "refusal":null and "logprobs":null.
        var completion = await CompleteAsync("""
            {"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,"finish_reason":"stop"}]}
            """);

        Assert.Equal("Hi", completion.Choices[0].Message.Content);
        Assert.Null(completion.Choices[0].Message.Refusal);
        Assert.Null(completion.Choices[0].Logprobs);
        Assert.Null(completion.Choices[0].AdditionalProperties);
        Assert.Null(completion.Choices[0].Message.AdditionalProperties);
        Assert.NotNull(ChatCompletionReader.TryRead("""{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,"finish_reason":"stop"}]}"""u8));
        Assert.Null(ChatCompletionReader.TryRead("""{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"logprobs":{"content":[]},"finish_reason":"stop"}]}"""u8));
    }

    [Fact]
    public async Task CreateStreamingAsync_RefusalLogprobsUsageChunkAndUnknownToolCall_FoldedByToCompletion()
    {
        var events = new[]
        {
            """{"id":"s1","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":""},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"s1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"refusal":"I can't"},"logprobs":{"content":null,"refusal":[{"token":"I","logprob":-0.1,"bytes":[73],"top_logprobs":[]}]},"finish_reason":null}]}""",
            """{"id":"s1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"refusal":" help."},"logprobs":{"content":null,"refusal":[{"token":" can't","logprob":-0.2,"bytes":null,"top_logprobs":[]}]},"finish_reason":null}]}""",
            """{"id":"s1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":1,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_c","type":"custom","custom":{"name":"grep","input":"TODO"}}]},"finish_reason":null}]}""",
            """{"id":"s1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"},{"index":1,"delta":{},"finish_reason":"tool_calls"}]}""",
            """{"id":"s1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9,"completion_tokens_details":{"reasoning_tokens":2}}}""",
        };
        _api.Enqueue(() => FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes(string.Concat(events.Select(e => "data: " + e + "\n\n")) + "data: [DONE]\n\n"), "text/event-stream"));
        var client = _api.Client();
        var request = ApiHarness.ChatRequest();
        request.StreamOptions = new ChatStreamOptions { IncludeUsage = true };

        var chunks = new List<ChatCompletionChunk>();
        await _api.RunAsync(Collect(client.Chat.Completions.CreateStreamingAsync(request), chunks));
        var completion = await ToAsync(chunks).ToCompletionAsync();

        Assert.Equal(" help.", chunks[2].Choices[0].Delta.Refusal);
        Assert.Empty(chunks[^1].Choices);
        Assert.Equal(9, chunks[^1].Usage!.TotalTokens);
        Assert.Contains("\"stream_options\":{\"include_usage\":true}", Assert.Single(_api.Requests).BodyText, StringComparison.Ordinal);

        Assert.Equal(9, completion.Usage!.TotalTokens);
        Assert.Equal(2, completion.Usage.CompletionTokensDetails!.ReasoningTokens);
        Assert.Equal("fp_1", completion.AdditionalProperties!["system_fingerprint"].GetString());
        var refused = completion.Choices[0];
        Assert.Equal("I can't help.", refused.Message.Refusal);
        Assert.Null(refused.Message.Content);
        Assert.Equal(["I", " can't"], refused.Logprobs!.Refusal!.Select(t => t.Token));
        var call = Assert.Single(completion.Choices[1].Message.ToolCalls!);
        Assert.Equal("custom", call.Type);
        Assert.Null(call.Function);
        Assert.Equal("grep", call.AdditionalProperties!["custom"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreateAsync_VisionPredictionAndOptions_ExactBytesOnTheWire()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();
        var request = new ChatCompletionRequest
        {
            Model = "mythic-4-vision",
            Messages =
            [
                ChatMessage.Developer("Be brief."),
                ChatMessage.User([
                    ChatContentPart.CreateText("What is in these?"),
                    ChatContentPart.CreateImageFromUrl(new Uri("https://example.com/cat.png"), ChatImageDetail.High),
                    ChatContentPart.CreateImageFromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/PNG"),
                ]),
            ],
            MaxCompletionTokens = 50,
            N = 2,
            Logprobs = true,
            TopLogprobs = 2,
            Prediction = ChatPrediction.FromContent("A cat."),
        };

        await _api.RunAsync(client.Chat.Completions.CreateAsync(request));

        Assert.Equal(
            """{"model":"mythic-4-vision","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"What is in these?"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]}],"max_completion_tokens":50,"n":2,"logprobs":true,"top_logprobs":2,"prediction":{"type":"content","content":"A cat."}}""",
            Assert.Single(_api.Requests).BodyText);
    }

    [Fact]
    public async Task CreateAsync_ContentAsPartsInAResponse_Read()
    {
        var completion = await CompleteAsync("""
            {"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"text","text":"Two cats."},{"type":"output_audio","id":"a1"}]},"finish_reason":"stop"}]}
            """);

        var message = completion.Choices[0].Message;
        Assert.Null(message.Content);
        Assert.Equal("Two cats.", message.ContentParts![0].Text);
        Assert.Equal(new ChatContentPartType("output_audio"), message.ContentParts[1].Type);
        Assert.Equal("a1", message.ContentParts[1].AdditionalProperties!["id"].GetString());
    }

    [Fact]
    public async Task CreateAsync_ElevenImages_RefusedBeforeSending()
    {
        var client = _api.Client();
        var image = ChatContentPart.CreateImageFromUrl(new Uri("https://example.com/x.png"));
        var request = new ChatCompletionRequest
        {
            Model = "mythic-4-vision",
            Messages = [ChatMessage.User([ChatContentPart.CreateText("Compare"), .. Enumerable.Repeat(image, 6)]), ChatMessage.User([.. Enumerable.Repeat(image, 5)])],
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(request));

        Assert.Contains("11 images", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);

        request.Messages.RemoveAt(1);
        request.Messages.Add(ChatMessage.User([.. Enumerable.Repeat(image, 4)]));
        _api.EnqueueChatCompletion();
        await _api.RunAsync(client.Chat.Completions.CreateAsync(request));
        Assert.Single(_api.Requests);
    }

    public static TheoryData<string, string> InvalidRequests() => new()
    {
        { "both limits", "both MaxTokens and MaxCompletionTokens" },
        { "n 0", "N must be between 1 and 128" },
        { "n 129", "N must be between 1 and 128" },
        { "top logprobs alone", "TopLogprobs needs ChatCompletionRequest.Logprobs = true" },
        { "top logprobs 21", "TopLogprobs must be between 0 and 20" },
        { "stream options unstreamed", "StreamOptions applies to a streamed answer" },
        { "prediction without content", "Prediction needs a Type and the predicted Content" },
        { "content and parts", "sets both Content and ContentParts" },
        { "image without url", "is an image without a URL" },
        { "max completion tokens 0", "MaxCompletionTokens must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateAsync_InvalidNewField_RefusedBeforeSendingWithItsName(string name, string expected)
    {
        var client = _api.Client();
        var request = ApiHarness.ChatRequest();
        switch (name)
        {
            case "both limits": request.MaxTokens = 10; request.MaxCompletionTokens = 10; break;
            case "n 0": request.N = 0; break;
            case "n 129": request.N = 129; break;
            case "top logprobs alone": request.TopLogprobs = 2; break;
            case "top logprobs 21": request.Logprobs = true; request.TopLogprobs = 21; break;
            case "stream options unstreamed": request.StreamOptions = new ChatStreamOptions { IncludeUsage = true }; break;
            case "prediction without content": request.Prediction = new ChatPrediction(); break;
            case "content and parts": request.Messages = [new ChatMessage { Role = ChatRole.User, Content = "a", ContentParts = [ChatContentPart.CreateText("b")] }]; break;
            case "image without url": request.Messages = [new ChatMessage { Role = ChatRole.User, ContentParts = [new ChatContentPart { Type = ChatContentPartType.ImageUrl }] }]; break;
            case "max completion tokens 0": request.MaxCompletionTokens = 0; break;
        }

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(request));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void ContentPartFactories_BadInput_NamedClearly()
    {
        Assert.Contains("absolute https or http URL", Assert.Throws<ArgumentException>(() => ChatContentPart.CreateImageFromUrl(new Uri("file:///tmp/a.png"))).Message, StringComparison.Ordinal);
        Assert.Contains("not an image media type", Assert.Throws<ArgumentException>(() => ChatContentPart.CreateImageFromBytes(new byte[] { 1 }, "text/plain")).Message, StringComparison.Ordinal);
        Assert.Contains("no bytes", Assert.Throws<ArgumentException>(() => ChatContentPart.CreateImageFromBytes(ReadOnlyMemory<byte>.Empty, "image/png")).Message, StringComparison.Ordinal);
        Assert.Contains(".bmp", Assert.Throws<ArgumentException>(() => ChatContentPart.CreateImageFromFile("/tmp/picture.bmp")).Message, StringComparison.Ordinal);
        Assert.Contains("Part 1 is null", Assert.Throws<ArgumentException>(() => ChatMessage.User([ChatContentPart.CreateText("a"), null!])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChatMessage.User(Array.Empty<ChatContentPart>()));
    }

    [Fact]
    public void CreateImageFromFile_ReadsTheFileAsADataUrlOfItsType()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mythicdot-{Guid.NewGuid():N}.JPG");
        File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF]);
        try
        {
            var part = ChatContentPart.CreateImageFromFile(path, ChatImageDetail.Low);

            Assert.Equal("data:image/jpeg;base64,/9j/", part.ImageUrl!.Url);
            Assert.Equal(ChatImageDetail.Low, part.ImageUrl.Detail);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ChatCompletion> CompleteAsync(string body)
    {
        _api.Enqueue(HttpStatusCode.OK, body);
        return await _api.RunAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
    }

    private static async Task<int> Collect(IAsyncEnumerable<ChatCompletionChunk> stream, List<ChatCompletionChunk> into)
    {
        await foreach (var chunk in stream)
        {
            into.Add(chunk);
        }

        return into.Count;
    }

#pragma warning disable CS1998 // An async iterator over a list, to feed ToCompletionAsync what was read.
    private static async IAsyncEnumerable<ChatCompletionChunk> ToAsync(List<ChatCompletionChunk> chunks)
#pragma warning restore CS1998
    {
        foreach (var chunk in chunks)
        {
            yield return chunk;
        }
    }
}
