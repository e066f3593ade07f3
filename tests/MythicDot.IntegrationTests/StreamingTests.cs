using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Streamed chat completions over real sockets: chunking, keep-alives, faults mid-stream, retries before it.</summary>
public sealed class StreamingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateStreamingAsync_ValidRequest_YieldsRoleThenContentThenFinishChunksInOrder()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var client = emulator.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.WithStreamUsage(TestRequests.Hello()), Ct));

        Assert.Equal(6, chunks.Count);
        Assert.Equal(ChatRole.Assistant, chunks[0].Choices[0].Delta.Role);
        Assert.Equal(string.Empty, chunks[0].Choices[0].Delta.Content);
        Assert.Equal(["Echo", ": He", "llo!"], chunks.Skip(1).Take(3).Select(c => c.Choices[0].Delta.Content));
        Assert.All(chunks.Take(4), c => Assert.Null(c.Choices[0].FinishReason));
        Assert.Null(chunks[4].Choices[0].Delta.Content);
        Assert.Null(chunks[4].Choices[0].Delta.Role);
        Assert.Equal(ChatFinishReason.Stop, chunks[4].Choices[0].FinishReason);
        Assert.All(chunks.Take(5), c => Assert.Null(c.Usage));
        Assert.Empty(chunks[5].Choices);
        Assert.Equal(6, chunks[5].Usage!.TotalTokens);
        Assert.All(chunks, c =>
        {
            Assert.Equal("chatcmpl-emulator-000001", c.Id);
            Assert.Equal("chat.completion.chunk", c.ObjectType);
            Assert.Equal(clock.GetUtcNow(), c.Created);
            Assert.Equal("mythic-4", c.Model);
        });
    }

    [Fact]
    public async Task CreateStreamingAsync_ValidRequest_SendsStreamTrueAndAcceptsEventStream()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        await ReadAllAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct));

        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("text/event-stream", request.Headers["Accept"]);
        Assert.Equal("{\"stream\":true," + TestRequests.HelloJson[1..], request.Body);
    }

    [Fact]
    public async Task CreateStreamingAsync_ValidRequest_TextEqualsNonStreamedAnswer()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = 3 }, Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Tell me about the lighthouse at Alexandria")] };

        var whole = await client.Chat.Completions.CreateAsync(request, Ct);
        var chunks = await ReadAllAsync(client.Chat.Completions.CreateStreamingAsync(request, Ct));

        Assert.Equal(whole.Choices[0].Message.Content, string.Concat(chunks.Select(c => c.Choices[0].Delta.Content)));
        Assert.All(chunks.Skip(1).SkipLast(1), c => Assert.InRange(c.Choices[0].Delta.Content!.Length, 1, 3));
    }

    [Fact]
    public async Task CreateStreamingAsync_ChunkSizeOne_NeverSplitsASurrogatePair()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = 1 }, Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("wave 🌊 é")] };

        var chunks = await ReadAllAsync(client.Chat.Completions.CreateStreamingAsync(request, Ct));

        var pieces = chunks.Skip(1).SkipLast(1).Select(c => c.Choices[0].Delta.Content!).ToList();
        Assert.Equal("Echo: wave 🌊 é", string.Concat(pieces));
        Assert.Contains("🌊", pieces);
        Assert.All(pieces, p => Assert.Single(p.EnumerateRunes()));
    }

    [Fact]
    public async Task ToCompletionAsync_ValidStream_EqualsNonStreamedCompletion()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var client = emulator.CreateClient();
        var whole = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        var folded = await client.Chat.Completions.CreateStreamingAsync(TestRequests.WithStreamUsage(TestRequests.Hello()), Ct).ToCompletionAsync(Ct);

        Assert.Equal("chatcmpl-emulator-000002", folded.Id);
        Assert.Equal(whole.Model, folded.Model);
        Assert.Equal(whole.Created, folded.Created);
        var choice = Assert.Single(folded.Choices);
        Assert.Equal(ChatRole.Assistant, choice.Message.Role);
        Assert.Equal("Echo: Hello!", choice.Message.Content);
        Assert.Null(choice.Message.ToolCalls);
        Assert.Equal(ChatFinishReason.Stop, choice.FinishReason);
        Assert.Equal(whole.Usage!.PromptTokens, folded.Usage!.PromptTokens);
        Assert.Equal(whole.Usage.CompletionTokens, folded.Usage.CompletionTokens);
        Assert.Equal(emulator.Requests[1].RequestId, folded.Response!.RequestId);
    }

    [Fact]
    public async Task CreateStreamingAsync_MaxTokensBelowReplyLength_StreamsCutReplyWithLengthFinishReason()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("one two three four")], MaxTokens = 3 };

        var folded = await client.Chat.Completions.CreateStreamingAsync(request, Ct).ToCompletionAsync(Ct);

        Assert.Equal("Echo: one two", folded.Choices[0].Message.Content);
        Assert.Equal(ChatFinishReason.Length, folded.Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateStreamingAsync_ChunkSizeMaxValue_SendsWholeTextInOneContentChunk()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = int.MaxValue }, Ct);
        var client = emulator.CreateClient();

        var chunks = await ReadAllAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct));

        Assert.Equal(3, chunks.Count);
        Assert.Equal("Echo: Hello!", chunks[1].Choices[0].Delta.Content);
    }

    [Fact]
    public async Task CreateStreamingAsync_KeepAliveCommentsBetweenEvents_YieldsTheSameChunks()
    {
        await using var plain = await MythicDotEmulator.StartAsync(Ct);
        await using var keepAlive = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamKeepAlive = true }, Ct);

        var expected = await ReadAllAsync(plain.CreateClient().Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct));
        var actual = await ReadAllAsync(keepAlive.CreateClient().Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct));

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Select(c => c.Choices[0].Delta.Content), actual.Select(c => c.Choices[0].Delta.Content));
        Assert.Equal(expected.Select(c => c.Choices[0].FinishReason), actual.Select(c => c.Choices[0].FinishReason));
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorEventAfterTwoChunks_ThrowsTypedErrorAfterTwoChunksWithoutRetry()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamError(2, ErrorCodes.ServiceUnavailable, "Overloaded mid-stream"));
        var client = emulator.CreateClient(clock);
        var received = new List<ChatCompletionChunk>();

        var call = CollectAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct), received);
        await clock.RunUntilCompletedAsync(call);
        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(() => call);

        Assert.Equal(2, received.Count);
        Assert.Equal("Echo", received[1].Choices[0].Delta.Content);
        Assert.Equal(ErrorCodes.ServiceUnavailable, error.Code);
        Assert.Equal("Overloaded mid-stream", error.Message);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
        Assert.Equal(1, error.Attempts);
        Assert.Single(emulator.Requests);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public async Task CreateStreamingAsync_NestedErrorEventAfterOneChunk_ThrowsErrorTheCodeNames()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamError(1, ErrorCodes.ContentFiltered, "Blocked by content policy", ErrorEnvelope.Nested));
        var client = emulator.CreateClient();
        var received = new List<ChatCompletionChunk>();

        var error = await Assert.ThrowsAsync<ContentFilteredError>(
            () => CollectAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct), received));

        Assert.Single(received);
        Assert.Equal(ErrorCodes.ContentFiltered, error.Code);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateStreamingAsync_StreamEndsBeforeDone_ThrowsApiConnectionErrorAfterChunksWithoutRetry()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamDrop(3));
        var client = emulator.CreateClient(clock);
        var received = new List<ChatCompletionChunk>();

        var call = CollectAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct), received);
        await clock.RunUntilCompletedAsync(call);
        var error = await Assert.ThrowsAsync<ApiConnectionError>(() => call);

        Assert.Equal(3, received.Count);
        Assert.Contains("[DONE]", error.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public async Task CreateStreamingAsync_AllChunksButNoDone_ThrowsApiConnectionError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamDrop(int.MaxValue));
        var client = emulator.CreateClient();
        var received = new List<ChatCompletionChunk>();

        await Assert.ThrowsAsync<ApiConnectionError>(() => CollectAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct), received));

        Assert.Equal(ChatFinishReason.Stop, received[^1].Choices[0].FinishReason);
    }

    [Fact]
    public async Task CreateStreamingAsync_ConnectionClosedMidStream_ThrowsApiConnectionErrorAfterChunksWithoutRetry()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamDrop(2, closeConnection: true));
        var client = emulator.CreateClient();
        var received = new List<ChatCompletionChunk>();

        var error = await Assert.ThrowsAsync<ApiConnectionError>(
            () => CollectAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct), received));

        Assert.Equal(2, received.Count);
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(error.InnerException).HttpRequestError);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateStreamingAsync_ServiceUnavailableBeforeStream_RetriesThenStreams()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503, ErrorCodes.ServiceUnavailable, "Down for maintenance"));
        var client = emulator.CreateClient(clock);

        var folded = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct).ToCompletionAsync(Ct));

        Assert.Equal("Echo: Hello!", folded.Choices[0].Message.Content);
        Assert.Equal(2, folded.Response!.Attempts);
        Assert.Single(clock.Sleeps);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.All(emulator.Requests, r => Assert.Equal(emulator.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task CreateStreamingAsync_BreakAfterFirstChunk_NextCallsOnSameClientSucceed()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = 1 }, Ct);
        var client = emulator.CreateClient();
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User(string.Join(' ', Enumerable.Repeat("long", 2_000)))] };

        await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(request, Ct))
        {
            Assert.Equal(ChatRole.Assistant, chunk.Choices[0].Delta.Role);
            break;
        }

        var streamed = await client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct).ToCompletionAsync(Ct);
        var whole = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        Assert.Equal("Echo: Hello!", streamed.Choices[0].Message.Content);
        Assert.Equal("Echo: Hello!", whole.Choices[0].Message.Content);
        Assert.Equal(3, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateStreamingAsync_CallerCancelsAfterFirstChunk_ThrowsOperationCanceledExceptionWithCallerToken()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var received = 0;

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, received);
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateStreamingAsync_RequestsPerMinuteExceeded_WaitsRetryAfterThenStreams()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 1 }, Ct);
        await emulator.CreateClient(clock).Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromSeconds(50));
        var client = emulator.CreateClient(clock); // another client: the first would wait for the reset without a 429

        var folded = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct).ToCompletionAsync(Ct));

        Assert.Equal("Echo: Hello!", folded.Choices[0].Message.Content);
        Assert.Equal([TimeSpan.FromSeconds(10)], clock.Sleeps);
        Assert.Equal(2, folded.Response!.Attempts);
        Assert.Equal(3, emulator.Requests.Count);
    }

    [Fact]
    public async Task Emulator_StreamTrue_SendsEventStreamEndingWithDone()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = int.MaxValue }, Ct);

        var (contentType, lines) = await PostStreamAsync(emulator, """{"model":"mythic-4","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("text/event-stream", contentType);
        Assert.Equal(
            [
                """data: {"id":"chatcmpl-emulator-000001","object":"chat.completion.chunk","created":CREATED,"model":"mythic-4","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
                string.Empty,
                """data: {"id":"chatcmpl-emulator-000001","object":"chat.completion.chunk","created":CREATED,"model":"mythic-4","choices":[{"index":0,"delta":{"content":"Echo: Hi"},"logprobs":null,"finish_reason":null}]}""",
                string.Empty,
                """data: {"id":"chatcmpl-emulator-000001","object":"chat.completion.chunk","created":CREATED,"model":"mythic-4","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
                string.Empty,
                "data: [DONE]",
                string.Empty,
            ],
            lines.Select(l => CreatedPattern.Replace(l, "\"created\":CREATED")));
    }

    [Fact]
    public async Task Emulator_StreamKeepAlive_WritesCommentLineBetweenEvents()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamKeepAlive = true, StreamChunkSize = int.MaxValue }, Ct);

        var (_, lines) = await PostStreamAsync(emulator, """{"model":"mythic-4","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(
            ["data", "", ": keep-alive", "", "data", "", ": keep-alive", "", "data", "", ": keep-alive", "", "data: [DONE]", ""],
            lines.Select(l => l.StartsWith("data: {", StringComparison.Ordinal) ? "data" : l));
    }

    [Fact]
    public async Task Emulator_StreamErrorFault_SendsErrorEventAndNoDone()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamError(1, ErrorCodes.RateLimitExceeded, "Token limit reached"));

        var (_, lines) = await PostStreamAsync(emulator, """{"model":"mythic-4","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        var events = lines.Where(l => l.Length > 0).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(
            """data: {"error":{"message":"Token limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}""",
            events[1]);
    }

    [Fact]
    public async Task StreamFault_NonStreamedRequest_IsTakenAndAnsweredNormally()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.StreamDrop(0));
        var client = emulator.CreateClient();

        var completion = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(0, emulator.PendingFaultCount);
    }

    private static readonly System.Text.RegularExpressions.Regex CreatedPattern = new("\"created\":\\d+");

    private static async Task<List<ChatCompletionChunk>> ReadAllAsync(IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var chunks = new List<ChatCompletionChunk>();
        await CollectAsync(stream, chunks);
        return chunks;
    }

    private static async Task CollectAsync(IAsyncEnumerable<ChatCompletionChunk> stream, List<ChatCompletionChunk> into)
    {
        await foreach (var chunk in stream)
        {
            into.Add(chunk);
        }
    }

    private static async Task<(string? ContentType, string[] Lines)> PostStreamAsync(MythicDotEmulator emulator, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "chat/completions"))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return (response.Content.Headers.ContentType?.MediaType, text.Split('\n')[..^1]);
    }
}
