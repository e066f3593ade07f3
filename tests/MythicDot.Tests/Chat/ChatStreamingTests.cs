using System.Net;
using System.Text;
using System.Text.Json;
using MythicDot.Tests.Infrastructure;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Chat;

public sealed class ChatStreamingTests
{
    private const string Url = "https://api.test/v1/chat/completions";

    private static readonly ChatCompletionRequest Request = new()
    {
        Model = "mythic-4",
        Messages = [ChatMessage.User("Hi")],
    };

    private static string Chunk(string deltaJson, string finish = "null") =>
        $$"""data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1704067200,"model":"mythic-4","choices":[{"index":0,"delta":{{deltaJson}},"finish_reason":{{finish}}}]}""" + "\n\n";

    private static readonly string HappyStream =
        Chunk("""{"role":"assistant","content":""}""")
        + ": keep-alive\n\n"
        + Chunk("""{"content":"Hel"}""")
        + Chunk("""{"content":"lo."}""")
        + Chunk("{}", "\"stop\"")
        + "data: [DONE]\n\n";

    private static MythicDotClient CreateClient(MockHttpMessageHandler mock, int maxRetries = 2, TimeProvider? clock = null) =>
        new(mock.ToHttpClient(), new MythicDotClientOptions
        {
            ApiKey = "sk-test",
            BaseUrl = new Uri("https://api.test/v1/"),
            MaxRetries = maxRetries,
            TimeProvider = clock ?? TimeProvider.System,
            JitterSource = () => 0.5,
        });

    private static HttpResponseMessage EventStream(string body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/event-stream"),
    };

    private static async Task<List<ChatCompletionChunk>> ReadAll(IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in stream)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task CreateStreamingAsync_HappyStream_YieldsEveryChunkUntilDone()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(HappyStream));

        var chunks = await ReadAll(CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken));

        Assert.Equal(4, chunks.Count);
        Assert.Equal(ChatRole.Assistant, chunks[0].Choices[0].Delta.Role);
        Assert.Equal("Hello.", string.Concat(chunks.Select(c => c.Choices[0].Delta.Content)));
        Assert.Equal(ChatFinishReason.Stop, chunks[3].Choices[0].FinishReason);
        Assert.All(chunks, c => Assert.Equal("chatcmpl-1", c.Id));
        Assert.Equal(HttpStatusCode.OK, chunks[0].Response!.StatusCode);
    }

    [Fact]
    public async Task CreateStreamingAsync_Request_SendsStreamTrueAndEventStreamAcceptWithoutChangingCallerRequest()
    {
        string? body = null;
        string? accept = null;
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            accept = request.Headers.Accept.ToString();
            return EventStream(HappyStream);
        });

        await ReadAll(CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken));

        Assert.Equal("""{"stream":true,"model":"mythic-4","messages":[{"role":"user","content":"Hi"}]}""", body);
        Assert.Equal("text/event-stream", accept);
    }

    [Fact]
    public async Task ToCompletionAsync_ContentAndToolCallFragments_FoldsIntoOneCompletion()
    {
        var stream =
            Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}""")
            + Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]}""")
            + Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}""")
            + Chunk("{}", "\"tool_calls\"")
            + "data: [DONE]\n\n";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(stream));

        var completion = await CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken)
            .ToCompletionAsync(TestContext.Current.CancellationToken);

        var choice = Assert.Single(completion.Choices);
        Assert.Equal(ChatFinishReason.ToolCalls, choice.FinishReason);
        Assert.Null(choice.Message.Content);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("call_1", call.Id);
        Assert.Equal("get_weather", call.Function!.Name);
        Assert.Equal("Paris", call.ParseArguments().GetProperty("location").GetString());
        Assert.Equal("chatcmpl-1", completion.Id);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Overloaded","type":"server_error","code":"service_unavailable"}}""", typeof(ServiceUnavailableError))]
    [InlineData("""{"success":false,"message":"Blocked","code":"content_filtered","request_id":"req_9"}""", typeof(ContentFilteredError))]
    [InlineData("""{"error":{"message":"Something odd"}}""", typeof(ApiError))]
    public async Task CreateStreamingAsync_ErrorEventMidStream_ThrowsTypedErrorAfterEarlierChunks(string errorJson, Type expected)
    {
        var stream = Chunk("""{"role":"assistant","content":"Hi"}""") + "data: " + errorJson + "\n\n";
        var mock = new MockHttpMessageHandler();
        var handler = mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(stream));
        var received = new List<ChatCompletionChunk>();

        var error = await Assert.ThrowsAnyAsync<ApiError>(async () =>
        {
            await foreach (var chunk in CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken))
            {
                received.Add(chunk);
            }
        });

        Assert.IsType(expected, error);
        Assert.Single(received);
        Assert.Equal(1, mock.GetMatchCount(handler)); // never retried once chunks reached the caller
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorEvent_CarriesCodeMessageAndRequestId()
    {
        var stream = "data: {\"success\":false,\"message\":\"Blocked\",\"code\":\"content_filtered\",\"request_id\":\"req_9\"}\n\n";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(stream));

        var error = await Assert.ThrowsAsync<ContentFilteredError>(() =>
            ReadAll(CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken)));

        Assert.Equal("Blocked", error.Message);
        Assert.Equal(ErrorCodes.ContentFiltered, error.Code);
        Assert.Equal("req_9", error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task CreateStreamingAsync_StreamEndsBeforeDone_ThrowsApiConnectionErrorNotAShortAnswer()
    {
        var stream = Chunk("""{"role":"assistant","content":"Par"}""");
        var mock = new MockHttpMessageHandler();
        var handler = mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(stream));
        var received = new List<ChatCompletionChunk>();

        var error = await Assert.ThrowsAsync<ApiConnectionError>(async () =>
        {
            await foreach (var chunk in CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken))
            {
                received.Add(chunk);
            }
        });

        Assert.Contains("[DONE]", error.Message, StringComparison.Ordinal);
        Assert.Single(received);
        Assert.Equal(1, mock.GetMatchCount(handler)); // not retried once chunks reached the caller
    }

    [Fact]
    public async Task CreateStreamingAsync_503BeforeHeaders_RetriedThenStreams()
    {
        var clock = new FakeTimeProvider();
        var mock = new MockHttpMessageHandler();
        var attempts = 0;
        mock.When(HttpMethod.Post, Url).Respond(_ => ++attempts == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("""{"error":{"message":"busy","code":"service_unavailable"}}""", Encoding.UTF8, "application/json") }
            : EventStream(HappyStream));

        var chunks = await clock.RunUntilCompletedAsync(ReadAll(CreateClient(mock, clock: clock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken)));

        Assert.Equal(4, chunks.Count);
        Assert.Equal(2, attempts);
        Assert.Equal(2, chunks[0].Response!.Attempts);
        Assert.Equal([TimeSpan.FromMilliseconds(437)], clock.Sleeps); // 0.5 s nominal, jitter 0.5 → 87.5 %, in whole ms
    }

    [Fact]
    public async Task CreateStreamingAsync_401_ThrowsAuthenticationErrorFromEnumerationWithoutRetry()
    {
        var mock = new MockHttpMessageHandler();
        var handler = mock.When(HttpMethod.Post, Url).Respond(HttpStatusCode.Unauthorized, "application/json",
            """{"error":{"message":"Invalid key","type":"invalid_request_error","code":"invalid_api_key"}}""");

        var error = await Assert.ThrowsAsync<AuthenticationError>(() =>
            ReadAll(CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken)));

        Assert.Equal(ErrorCodes.InvalidApiKey, error.Code);
        Assert.Equal(1, mock.GetMatchCount(handler));
    }

    [Fact]
    public async Task CreateStreamingAsync_JsonErrorBodyWith200_ThrowsTypedError()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(HttpStatusCode.OK, "application/json",
            """{"success":false,"message":"Bad model","code":"model.notfound"}""");

        var error = await Assert.ThrowsAsync<NotFoundError>(() =>
            ReadAll(CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken)));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
    }

    [Fact]
    public void CreateStreamingAsync_InvalidRequest_ThrowsAtOnceWithoutSending()
    {
        var mock = new MockHttpMessageHandler();
        var client = CreateClient(mock);

        Assert.Throws<ArgumentException>(() => client.Chat.Completions.CreateStreamingAsync(new ChatCompletionRequest { Model = "mythic-4" }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => client.Chat.Completions.CreateStreamingAsync(new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("x")], AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = JsonSerializer.SerializeToElement(false) } }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateStreamingAsync_BreakOutOfLoop_DisposesTheResponseStream()
    {
        var content = new TrackingContent(HappyStream);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });

        await foreach (var chunk in CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken))
        {
            break;
        }

        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task CreateStreamingAsync_CallerCancelsMidStream_ThrowsOperationCanceledAndDisposes()
    {
        var content = new TrackingContent(HappyStream);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, cts.Token))
            {
                cts.Cancel();
            }
        });

        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task CreateStreamingAsync_UnknownFieldsAndFinishReason_AreKept()
    {
        var stream = """data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"brand_new"}]}""" + "\n\ndata: [DONE]\n\n";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(stream));

        var chunk = Assert.Single(await ReadAll(CreateClient(mock).Chat.Completions.CreateStreamingAsync(Request, TestContext.Current.CancellationToken)));

        Assert.Equal("brand_new", chunk.Choices[0].FinishReason!.Value.Value);
        Assert.Equal("fp", chunk.AdditionalProperties!["system_fingerprint"].GetString());
    }

    private sealed class TrackingContent(string body) : HttpContent
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(body);

        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(_bytes));

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
