using System.Net;
using System.Text;
using System.Text.Json;
using MythicDot.Serialization;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Messages;

public sealed class MessagesStreamingTests
{
    private const string Url = "https://api.test/v1/messages";

    private static readonly MessageRequest Request = new("mythic-4-thinking", 16000, "Weather in Paris?") { Thinking = MessageThinkingConfig.Enabled(10000) };

    private static string Event(string name, string json) => $"event: {name}\ndata: {json}\n\n";

    private static readonly string Start = Event("message_start",
        """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"mythic-4-thinking","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1}}}""");

    private static readonly string HappyStream =
        Start
        + Event("ping", """{"type": "ping"}""")
        + Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me "}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"check."}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}""")
        + Event("content_block_stop", """{"type":"content_block_stop","index":0}""")
        + ": keep-alive\n\n"
        + Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"I'll "}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"look."}}""")
        + Event("content_block_stop", """{"type":"content_block_stop","index":1}""")
        + Event("content_block_start", """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"Pa"}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ris\"}"}}""")
        + Event("content_block_stop", """{"type":"content_block_stop","index":2}""")
        + Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}""")
        + Event("message_stop", """{"type":"message_stop"}""");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MythicDotClient CreateClient(MockHttpMessageHandler mock) =>
        new(mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-test", BaseUrl = new Uri("https://api.test/v1/"), JitterSource = () => 0.5 });

    private static HttpResponseMessage EventStream(string body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/event-stream"),
    };

    private static async Task<List<MessageStreamEvent>> ReadAll(IAsyncEnumerable<MessageStreamEvent> stream, List<MessageStreamEvent>? into = null)
    {
        var events = into ?? [];
        await foreach (var item in stream)
        {
            events.Add(item);
        }

        return events;
    }

    private static async Task<(ApiError Error, List<MessageStreamEvent> Received, int Requests)> FailAsync(string body)
    {
        var mock = new MockHttpMessageHandler();
        var handler = mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(body));
        var received = new List<MessageStreamEvent>();
        var error = await Assert.ThrowsAnyAsync<ApiError>(() => ReadAll(CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct), received));
        return (error, received, mock.GetMatchCount(handler));
    }

    [Fact]
    public async Task CreateStreamingAsync_HappyStream_YieldsTypedEventsInOrderEndingWithMessageStop()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(HappyStream));

        var events = await ReadAll(CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct));

        Assert.Equal(18, events.Count);
        var start = Assert.IsType<MessageStartEvent>(events[0]);
        Assert.Equal("msg_1", start.Message!.Id);
        Assert.Equal(25, start.Message.Usage!.InputTokens);
        Assert.IsType<MessagePingEvent>(events[1]);
        Assert.Equal(MessageStreamEventType.Ping, events[1].Type);
        var blockStart = Assert.IsType<ContentBlockStartEvent>(events[2]);
        Assert.Equal(MessageContentBlockType.Thinking, blockStart.ContentBlock!.Type);
        var delta = Assert.IsType<ContentBlockDeltaEvent>(events[3]);
        Assert.Equal(MessageContentDeltaType.ThinkingDelta, delta.Delta!.Type);
        Assert.Equal("Let me ", delta.Delta.Thinking);
        Assert.Equal(2, Assert.IsType<ContentBlockStopEvent>(events[15]).Index);
        var messageDelta = Assert.IsType<MessageDeltaEvent>(events[16]);
        Assert.Equal(MessageStopReason.ToolUse, messageDelta.Delta!.StopReason);
        Assert.Equal(89, messageDelta.Usage!.OutputTokens);
        Assert.IsType<MessageStopEvent>(events[^1]);
        Assert.Equal(MessageStreamEventType.MessageStop, events[^1].Type);
        Assert.All(events, e => Assert.Equal(HttpStatusCode.OK, e.Response!.StatusCode));
    }

    [Fact]
    public async Task CreateStreamingAsync_Request_SendsStreamTrueFirstAcceptsEventsAndTheBetaHeader()
    {
        string? body = null, accept = null, beta = null;
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(async request =>
        {
            body = await request.Content!.ReadAsStringAsync();
            accept = request.Headers.Accept.ToString();
            beta = string.Join(",", request.Headers.GetValues("mythicdot-beta"));
            return EventStream(HappyStream);
        });

        await ReadAll(CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct));

        Assert.Equal("""{"stream":true,"model":"mythic-4-thinking","max_tokens":16000,"messages":[{"role":"user","content":"Weather in Paris?"}],"thinking":{"type":"enabled","budget_tokens":10000}}""", body);
        Assert.Equal("text/event-stream", accept);
        Assert.Equal("extended-thinking-2025-01", beta);
        Assert.Equal("""{"model":"mythic-4-thinking","max_tokens":16000,"messages":[{"role":"user","content":"Weather in Paris?"}],"thinking":{"type":"enabled","budget_tokens":10000}}""",
            JsonSerializer.Serialize(Request, MessagesJsonContext.Default.MessageRequest)); // the caller's request is left as it was
    }

    [Fact]
    public async Task ToMessageAsync_HappyStream_FoldsThinkingTextAndToolInputIntoTheMessage()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(HappyStream));

        var message = await CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct).ToMessageAsync(Ct);

        Assert.Equal("msg_1", message.Id);
        Assert.Equal("mythic-4-thinking", message.Model);
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.Equal("Let me check.", message.Thinking);
        Assert.Equal("EqQB", message.Content[0].Signature);
        Assert.Equal("I'll look.", message.Text);
        var tool = Assert.Single(message.ToolUses);
        Assert.Equal("toolu_1", tool.Id);
        Assert.Equal("Paris", tool.Input!.Value.GetProperty("location").GetString());
        Assert.Equal(MessageStopReason.ToolUse, message.StopReason);
        Assert.Equal(25, message.Usage!.InputTokens);
        Assert.Equal(89, message.Usage.OutputTokens);
        Assert.NotNull(message.Response);
        Assert.Equal(
            """[{"type":"thinking","thinking":"Let me check.","signature":"EqQB"},{"type":"text","text":"I\u0027ll look."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}}]""",
            JsonSerializer.Serialize(message.Content, MessagesJsonContext.Default.IReadOnlyListMessageContentBlock));
    }

    [Fact]
    public void Accumulator_ToolUseWithoutInputDeltas_KeepsTheStartInput()
    {
        var accumulator = new MessageAccumulator();
        accumulator.Add(new ContentBlockStartEvent { Index = 0, ContentBlock = MessageContentBlock.CreateToolUse("t", "now", JsonElement.Parse("{}")) });

        var block = Assert.Single(accumulator.ToMessage().Content);

        Assert.Equal("{}", block.Input!.Value.GetRawText());
        Assert.Null(accumulator.ToMessage().Usage);
    }

    [Fact]
    public async Task CreateStreamingAsync_UnknownEventAndDataWithoutEventName_AreKept()
    {
        var stream = Start
            + Event("brand_new_event", """{"type":"brand_new_event","detail":{"x":1}}""")
            + "data: {\"type\":\"content_block_stop\",\"index\":3}\n\n"
            + Event("message_stop", """{"type":"message_stop"}""");
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(stream));

        var events = await ReadAll(CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct));

        var unknown = Assert.IsType<UnknownMessageStreamEvent>(events[1]);
        Assert.Equal("brand_new_event", unknown.Type.Value);
        Assert.Equal(1, unknown.AdditionalProperties!["detail"].GetProperty("x").GetInt32());
        Assert.Equal(3, Assert.IsType<ContentBlockStopEvent>(events[2]).Index);
    }

    [Fact]
    public async Task CreateStreamingAsync_EventsAfterMessageStop_AreNotRead()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => EventStream(HappyStream + "data: not json\n\n"));

        var events = await ReadAll(CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct));

        Assert.IsType<MessageStopEvent>(events[^1]);
    }

    [Theory]
    [InlineData("overloaded_error", typeof(ServiceUnavailableError))]
    [InlineData("rate_limit_error", typeof(RateLimitError))]
    [InlineData("api_error", typeof(InternalServerError))]
    [InlineData("invalid_request_error", typeof(BadRequestError))]
    [InlineData("authentication_error", typeof(AuthenticationError))]
    [InlineData("permission_error", typeof(PermissionDeniedError))]
    [InlineData("not_found_error", typeof(NotFoundError))]
    [InlineData("something_new_error", typeof(ApiError))]
    public async Task CreateStreamingAsync_ErrorEventMidStream_ThrowsTheTypedErrorItsTypeNames(string type, Type expected)
    {
        var body = Start + Event("error", $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"It failed"}}""");

        var (error, received, requests) = await FailAsync(body);

        Assert.IsType(expected, error);
        Assert.Equal("It failed", error.Message);
        Assert.Equal(type, error.ErrorType);
        Assert.IsType<MessageStartEvent>(Assert.Single(received));
        Assert.Equal(1, requests); // never retried once events reached the caller
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorTypeBeforeTheWrapperType_StillNamesTheError()
    {
        var (error, _, _) = await FailAsync(Event("error", """{"error":{"message":"Busy","type":"overloaded_error"},"type":"error"}"""));

        Assert.IsType<ServiceUnavailableError>(error);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorEnvelopeWithoutEventName_ThrowsTypedError()
    {
        var (error, _, _) = await FailAsync(Start + """data: {"type":"error","error":{"type":"overloaded_error","message":"Busy"}}""" + "\n\n");

        Assert.IsType<ServiceUnavailableError>(error);
    }

    [Fact]
    public async Task CreateStreamingAsync_FlatEnvelopeWithCodeMidStream_ThrowsTheErrorTheCodeNames()
    {
        var (error, _, _) = await FailAsync(Start + Event("message_delta", """{"success":false,"message":"Slow","code":"rate_limit_exceeded","request_id":"req_7"}"""));

        var rateLimit = Assert.IsType<RateLimitError>(error);
        Assert.Equal("req_7", rateLimit.RequestId);
    }

    [Fact]
    public async Task CreateStreamingAsync_StreamEndsBeforeMessageStop_ThrowsApiConnectionErrorNotAShortAnswer()
    {
        var (error, received, requests) = await FailAsync(HappyStream[..HappyStream.IndexOf("event: message_delta", StringComparison.Ordinal)]);

        Assert.IsType<ApiConnectionError>(error);
        Assert.Contains("message_stop", error.Message, StringComparison.Ordinal);
        Assert.Equal(16, received.Count);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task CreateStreamingAsync_UnreadableEvent_ThrowsApiError()
    {
        var (error, received, _) = await FailAsync(Start + Event("content_block_delta", "{not json"));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.Single(received);
    }

    [Fact]
    public async Task CreateStreamingAsync_BreakOutOfLoop_DisposesTheResponse()
    {
        var content = new TrackingContent(HappyStream);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });

        await foreach (var item in CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct))
        {
            break;
        }

        Assert.True(content.Disposed);
    }

    [Fact]
    public async Task CreateStreamingAsync_Completes_DisposesTheResponse()
    {
        var content = new TrackingContent(HappyStream);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content });

        await ReadAll(CreateClient(mock).Messages.CreateStreamingAsync(Request, Ct));

        Assert.True(content.Disposed);
    }

    [Fact]
    public void CreateStreamingAsync_InvalidRequest_ThrowsAtOnceWithoutSending()
    {
        var mock = new MockHttpMessageHandler();
        var client = CreateClient(mock);

        Assert.Throws<ArgumentOutOfRangeException>(() => client.Messages.CreateStreamingAsync(new MessageRequest("mythic-4", 0, "x"), Ct));
        Assert.Throws<ArgumentException>(() => client.Messages.CreateStreamingAsync(new MessageRequest("mythic-4", 10, "x")
        {
            AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = JsonElement.Parse("false") },
        }, Ct));
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
