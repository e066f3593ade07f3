using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;
using MythicDot.Tests.Observability;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Security;

/// <summary>
/// Every log entry (at Trace, bodies on), span and metric a client emits over successes, retries, failures and
/// streams, with a server that echoes the key back, is free of the key.
/// </summary>
public sealed class KeyInLogsAndTelemetryTests
{
    private const string Key = "sk-proj-SECURITYKEY-0c9e8d7f6a5b4c3d";
    private const int Cap = 64 * 1024;

    private const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","created":1704067200,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";
    private const string Chunk = """{"id":"c","object":"chat.completion.chunk","created":1,"model":"mythic-4","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""";

    private static readonly ActivitySource TestSource = new("MythicDot.Tests.Security");

    [Fact]
    public async Task Logs_TraceWithBodiesOverEveryPath_NeverHoldTheKey()
    {
        var logs = new CapturingLoggerProvider();
        var (client, _) = CreateClient(o =>
        {
            o.LoggerFactory = logs;
            o.LogBodies = true;
        });

        await RunEveryPathAsync(client);

        Assert.Contains(logs.Entries, e => e.EventId.Name == "ResponseBody");
        Assert.Contains(logs.Entries, e => e.EventId.Name == "CallFailed");
        foreach (var entry in logs.Entries)
        {
            var where = $"log event {entry.EventId.Name}";
            KeyAssert.NotIn(Key, entry.Category, where);
            KeyAssert.NotIn(Key, entry.Message, where);
            KeyAssert.NotIn(Key, entry.Exception?.ToString(), where + " (exception)");
            foreach (var (name, value) in entry.Properties)
            {
                KeyAssert.NotIn(Key, name + "=" + value, where + " (properties)");
            }
        }
    }

    [Fact]
    public async Task Telemetry_SpansAndMetricsOverEveryPath_NeverHoldTheKey()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MythicDot" or "MythicDot.Tests.Security",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new ConcurrentBag<string>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "MythicDot")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, _, tags, _) => measurements.Add(Describe(i, tags)));
        meters.SetMeasurementEventCallback<long>((i, _, tags, _) => measurements.Add(Describe(i, tags)));
        meters.Start();
        var (client, host) = CreateClient();
        using var parent = TestSource.StartActivity("security")!;

        await RunEveryPathAsync(client);

        var spans = stopped.Where(a => a.TraceId == parent.TraceId && a.Source.Name == "MythicDot").ToList();
        Assert.Contains(spans, s => s.Status == ActivityStatusCode.Error);
        foreach (var span in spans)
        {
            var where = $"span {span.DisplayName}";
            KeyAssert.NotIn(Key, span.DisplayName + " " + span.OperationName + " " + span.StatusDescription, where);
            foreach (var tag in span.TagObjects)
            {
                KeyAssert.NotIn(Key, tag.Key + "=" + tag.Value, where + " (tags)");
            }

            foreach (var spanEvent in span.Events)
            {
                KeyAssert.NotIn(Key, spanEvent.Name + " " + string.Join(", ", spanEvent.Tags.Select(t => t.Key + "=" + t.Value)), where + " (events)");
            }

            foreach (var baggage in span.Baggage)
            {
                KeyAssert.NotIn(Key, baggage.Key + "=" + baggage.Value, where + " (baggage)");
            }
        }

        Assert.Contains(measurements, m => m.Contains(host, StringComparison.Ordinal));
        Assert.All(measurements, m => KeyAssert.NotIn(Key, m, "a metric's tags"));
    }

    [Fact]
    public async Task Logs_KeyEchoedWhereTheCapCutsTheBody_NoPartOfTheKeyLogged()
    {
        var logs = new CapturingLoggerProvider();
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new GeneratedContent(Encoding.UTF8.GetBytes(new string('x', Cap - 20) + Key), Cap * 2, "text/html"),
        });
        var client = new MythicDotClient(mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = Key, BaseUrl = new Uri("https://api.test/v1/"), LoggerFactory = logs, LogBodies = true });

        await Assert.ThrowsAsync<BadRequestError>(() => client.Chat.Completions.CreateAsync(Request(), TestContext.Current.CancellationToken));

        var body = Assert.Single(logs.Entries, e => e.EventId.Name == "ResponseBody");
        KeyAssert.NotIn(Key, body.Message, "the logged response body");
        Assert.EndsWith("[redacted]", body.Message, StringComparison.Ordinal);
    }

    /// <summary>Success, retry then success, echoed-key failures, a connection failure, a stream, a stream that fails.</summary>
    private static async Task RunEveryPathAsync(MythicDotClient client)
    {
        var ct = TestContext.Current.CancellationToken;
        await client.Chat.Completions.CreateAsync(Request("ok"), ct);
        await client.Chat.Completions.CreateAsync(Request("retry"), ct);
        await Assert.ThrowsAsync<AuthenticationError>(() => client.Chat.Completions.CreateAsync(Request("echo"), ct));
        await Assert.ThrowsAsync<ApiError>(() => client.Chat.Completions.CreateAsync(Request("html"), ct));
        await Assert.ThrowsAsync<ApiConnectionError>(() => client.Chat.Completions.CreateAsync(Request("refused"), ct));
        await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(Request("stream"), ct))
        {
        }

        await Assert.ThrowsAsync<AuthenticationError>(async () =>
        {
            await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(Request("stream-echo"), ct))
            {
            }
        });
    }

    private static (MythicDotClient Client, string Host) CreateClient(Action<MythicDotClientOptions>? configure = null)
    {
        var host = "security-" + Guid.NewGuid().ToString("N")[..8] + ".test";
        var retried = 0;
        var handler = new LambdaHandler(async request =>
        {
            // The scenario is the user message's text.
            using var sent = System.Text.Json.JsonDocument.Parse(await request.Content!.ReadAsStringAsync());
            var scenario = sent.RootElement.GetProperty("messages")[0].GetProperty("content").GetString();
            var echo = ("X-Echo-Authorization", "Bearer " + Key);
            return scenario switch
            {
                "ok" => FakeResponses.Create(HttpStatusCode.OK, Completion),
                "retry" when Interlocked.Increment(ref retried) == 1 => FakeResponses.Create(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, "Slow down, " + Key), echo, ("retry-after-ms", "1")),
                "retry" => FakeResponses.Create(HttpStatusCode.OK, Completion, echo),
                "echo" => FakeResponses.Create(HttpStatusCode.Unauthorized, Bodies.Nested(ErrorCodes.InvalidApiKey, "Incorrect API key provided: " + Key), echo),
                "html" => FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes("<html>Authorization: Bearer " + Key + "</html>"), "text/html"),
                "refused" => throw new HttpRequestException("Connection refused (api.test:443)"),
                "stream" => FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes("data: " + Chunk + "\n\ndata: [DONE]\n\n"), "text/event-stream"),
                "stream-echo" => FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes("data: " + Chunk + "\n\ndata: " + Bodies.Flat(ErrorCodes.InvalidApiKey, "Key " + Key + " revoked") + "\n\n"), "text/event-stream"),
                _ => throw new ArgumentOutOfRangeException(nameof(request), scenario, "unknown scenario"),
            };
        });
        var options = new MythicDotClientOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri($"https://{host}/v1/"),
            MaxRetries = 1,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(options);
        return (new MythicDotClient(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) }, options), host);
    }

    private static ChatCompletionRequest Request(string scenario = "ok") => new() { Model = "mythic-4", Messages = [ChatMessage.User(scenario)] };

    private static string Describe(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder(instrument.Name);
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        return text.ToString();
    }

    private sealed class LambdaHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => respond(request);
    }
}
