using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Observability;

/// <summary>Spans and metrics. Listeners are process-wide, so each test filters on its own trace id or server address.</summary>
public sealed class TelemetryTests
{
    private const string CompletionJson = """{"id":"chatcmpl-7","object":"chat.completion","created":1704067200,"model":"mythic-4-2025","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":5,"total_tokens":16}}""";

    private static readonly ActivitySource TestSource = new("MythicDot.Tests.Telemetry");

    private static (MythicDotClient Client, string Host) CreateClient(Func<int, HttpResponseMessage> respond, int maxRetries = 2)
    {
        var host = "telemetry-" + Guid.NewGuid().ToString("N")[..8] + ".test";
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When($"https://{host}/v1/*").Respond(_ => respond(Interlocked.Increment(ref calls)));
        var client = new MythicDotClient(mock.ToHttpClient(), new MythicDotClientOptions
        {
            ApiKey = "sk-telemetry",
            BaseUrl = new Uri($"https://{host}/v1/"),
            MaxRetries = maxRetries,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
        });
        return (client, host);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static ActivityListener Listen(ConcurrentBag<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MythicDot" or "MythicDot.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static ChatCompletionRequest Request => new() { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] };

    [Fact]
    public async Task CreateAsync_WithListener_EmitsChatSpanWithGenAiAndHttpAttributes()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        var (client, host) = CreateClient(_ => Json(HttpStatusCode.OK, CompletionJson));
        using var parent = TestSource.StartActivity("test")!;

        await client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        var span = Assert.Single(stopped, a => a.Source.Name == "MythicDot" && a.TraceId == parent.TraceId && a.Parent == parent);
        Assert.Equal("chat mythic-4", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("mythic-4", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("mythic-4-2025", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("chatcmpl-7", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(5, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(host, span.GetTagItem("server.address"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task MessagesCreateAsync_WithListener_EmitsChatSpanWithModelAndTokens()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        var (client, _) = CreateClient(_ => Json(HttpStatusCode.OK,
            """{"id":"msg_7","type":"message","role":"assistant","model":"mythic-4-2025","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","usage":{"input_tokens":11,"output_tokens":5}}"""));
        using var parent = TestSource.StartActivity("test")!;

        await client.Messages.CreateAsync(new MessageRequest("mythic-4", 10, "Hi"), TestContext.Current.CancellationToken);

        var span = Assert.Single(stopped, a => a.Source.Name == "MythicDot" && a.TraceId == parent.TraceId && a.Parent == parent);
        Assert.Equal("chat mythic-4", span.DisplayName);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("mythic-4-2025", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("msg_7", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(5, span.GetTagItem("gen_ai.usage.output_tokens"));
    }

    [Fact]
    public async Task MessagesCreateStreamingAsync_WithListener_SpanHasTheStartsModelAndTheWholeCallsTokens()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        const string Stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_8\",\"model\":\"mythic-4-2025\",\"content\":[],\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":6}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        var (client, _) = CreateClient(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Stream, Encoding.UTF8, "text/event-stream") });
        using var parent = TestSource.StartActivity("test")!;

        await client.Messages.CreateStreamingAsync(new MessageRequest("mythic-4", 10, "Hi"), TestContext.Current.CancellationToken).ToMessageAsync(TestContext.Current.CancellationToken);

        var span = Assert.Single(stopped, a => a.Source.Name == "MythicDot" && a.TraceId == parent.TraceId && a.Parent == parent);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("mythic-4-2025", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("msg_8", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(6, span.GetTagItem("gen_ai.usage.output_tokens"));
    }

    [Fact]
    public async Task CreateAsync_Retried_EmitsOneChildSpanPerAttemptWithResendCount()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        var (client, _) = CreateClient(n => n == 1
            ? Json(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"busy","code":"service_unavailable"}}""")
            : Json(HttpStatusCode.OK, CompletionJson));
        using var parent = TestSource.StartActivity("test")!;

        await client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        var call = Assert.Single(stopped, a => a.Source.Name == "MythicDot" && a.Parent == parent);
        var attempts = stopped.Where(a => a.ParentSpanId == call.SpanId && a.TraceId == call.TraceId).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("ServiceUnavailableError", attempts[0].GetTagItem("error.type"));
        Assert.Equal(503, attempts[0].GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Null(attempts[0].GetTagItem("http.request.resend_count"));
        Assert.Equal(1, attempts[1].GetTagItem("http.request.resend_count"));
        Assert.Equal(200, attempts[1].GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task CreateAsync_Fails_SpanHasErrorTypeAndStatus()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        var (client, _) = CreateClient(_ => Json(HttpStatusCode.NotFound, """{"success":false,"message":"nope","code":"model.notfound"}"""));
        using var parent = TestSource.StartActivity("test")!;

        await Assert.ThrowsAsync<NotFoundError>(() => client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken));

        var span = Assert.Single(stopped, a => a.Source.Name == "MythicDot" && a.Parent == parent);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("NotFoundError", span.GetTagItem("error.type"));
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Metrics_DurationTokensAndRetries_AreRecordedWithTags()
    {
        // Microsoft.Extensions.Diagnostics.Testing's collectors, on the process-wide MythicDot meter (a client built without DI).
        using var durations = new MetricCollector<double>(null, "MythicDot", "gen_ai.client.operation.duration");
        using var tokenUsage = new MetricCollector<long>(null, "MythicDot", "gen_ai.client.token.usage");
        using var retries = new MetricCollector<long>(null, "MythicDot", "mythicdot.client.retries");
        var (client, host) = CreateClient(n => n == 1
            ? Json(HttpStatusCode.InternalServerError, """{"error":{"message":"oops","code":"server_error"}}""")
            : Json(HttpStatusCode.OK, CompletionJson));

        await client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        // Other tests record on the same meter at the same time: this test's measurements are those tagged with its host.
        bool Mine(IReadOnlyDictionary<string, object?> tags) => Equals(tags.GetValueOrDefault("server.address"), host);
        var duration = Assert.Single(durations.GetMeasurementSnapshot(), m => Mine(m.Tags));
        Assert.True(duration.Value >= 0);
        Assert.Equal("chat", duration.Tags["gen_ai.operation.name"]);
        Assert.Equal("mythic-4", duration.Tags["gen_ai.request.model"]);
        Assert.Equal("mythic-4-2025", duration.Tags["gen_ai.response.model"]);
        var tokens = tokenUsage.GetMeasurementSnapshot().Where(m => Mine(m.Tags)).ToDictionary(m => (string)m.Tags["gen_ai.token.type"]!, m => m.Value);
        Assert.Equal(11, tokens["input"]);
        Assert.Equal(5, tokens["output"]);
        Assert.Contains(retries.GetMeasurementSnapshot(), m => Equals(m.Tags["mythicdot.retry.reason"], "backoff") && Equals(m.Tags["error.type"], "InternalServerError"));
    }

    [Fact]
    public async Task NoListener_CallCreatesNoActivity()
    {
        var (client, _) = CreateClient(_ => Json(HttpStatusCode.OK, CompletionJson));
        Activity? seen = null;

        var completion = await client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);
        seen = Activity.Current;

        Assert.NotNull(completion);
        Assert.Null(seen);
    }
}
