using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Observability;

public sealed class LoggingTests
{
    private const string Key = "sk-logging-secret-123";
    private const string Url = "https://api.test/v1/chat/completions";
    private const string CompletionJson = """{"id":"chatcmpl-1","object":"chat.completion","created":1704067200,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

    private static readonly ChatCompletionRequest Request = new() { Model = "mythic-4", Messages = [ChatMessage.User("Hello there")] };

    private static MythicDotClient CreateClient(MockHttpMessageHandler mock, CapturingLoggerProvider logs, bool logBodies = false, int maxRetries = 2) =>
        new(mock.ToHttpClient(), new MythicDotClientOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri("https://api.test/v1/"),
            LoggerFactory = logs,
            LogBodies = logBodies,
            MaxRetries = maxRetries,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
        });

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string? requestId = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (requestId is not null)
        {
            response.Headers.Add("x-request-id", requestId);
        }

        return response;
    }

    [Fact]
    public async Task CreateAsync_RetriedThenSucceeds_LogsAttemptFailedAndRetryScheduledWithStructuredFields()
    {
        var logs = new CapturingLoggerProvider();
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When(HttpMethod.Post, Url).Respond(_ => ++calls == 1
            ? Json(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"busy","code":"service_unavailable"}}""", "req_503")
            : Json(HttpStatusCode.OK, CompletionJson, "req_ok"));

        await CreateClient(mock, logs).Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        var failed = Assert.Single(logs.Entries, e => e.EventId.Name == "AttemptFailed");
        Assert.Equal(LogLevel.Information, failed.Level);
        Assert.Equal("503", failed.Properties["StatusCode"]);
        Assert.Equal("service_unavailable", failed.Properties["Code"]);
        Assert.Equal("req_503", failed.Properties["RequestId"]);
        Assert.Equal("chat/completions", failed.Properties["Path"]);
        var retry = Assert.Single(logs.Entries, e => e.EventId.Name == "RetryScheduled");
        Assert.Equal("1", retry.Properties["Retry"]);
        Assert.Equal("backoff", retry.Properties["Reason"]);
        Assert.Equal(2, logs.Entries.Count(e => e.EventId.Name == "RequestSent"));
        Assert.Single(logs.Entries, e => e.EventId.Name == "CallSucceeded");
    }

    [Fact]
    public async Task CreateAsync_ServerWait_RetryScheduledSaysRetryAfter()
    {
        var logs = new CapturingLoggerProvider();
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When(HttpMethod.Post, Url).Respond(_ =>
        {
            if (++calls > 1)
            {
                return Json(HttpStatusCode.OK, CompletionJson);
            }

            var response = Json(HttpStatusCode.TooManyRequests, """{"success":false,"message":"slow down","code":"rate_limit_exceeded"}""");
            response.Headers.Add("retry-after-ms", "5");
            return response;
        });

        await CreateClient(mock, logs).Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        var retry = Assert.Single(logs.Entries, e => e.EventId.Name == "RetryScheduled");
        Assert.Equal("retry_after", retry.Properties["Reason"]);
        Assert.Equal("5", retry.Properties["DelayMs"]);
    }

    [Fact]
    public async Task CreateAsync_Fails_LogsCallFailedWithEveryFieldSupportNeeds()
    {
        var logs = new CapturingLoggerProvider();
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => Json(HttpStatusCode.NotFound,
            """{"success":false,"message":"The model does not exist","code":"model.notfound","request_id":"req_nf"}"""));

        await Assert.ThrowsAsync<NotFoundError>(() => CreateClient(mock, logs).Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken));

        var entry = Assert.Single(logs.Entries, e => e.EventId.Name == "CallFailed");
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.IsType<NotFoundError>(entry.Exception);
        Assert.Equal("model.notfound", entry.Properties["Code"]);
        Assert.Equal("The model does not exist", entry.Properties["ErrorMessage"]);
        Assert.Equal("req_nf", entry.Properties["RequestId"]);
        Assert.Equal("POST", entry.Properties["Method"]);
        Assert.Equal("chat/completions", entry.Properties["Path"]);
        Assert.Equal("NotFoundError", entry.Properties["ErrorType"]);
        Assert.True(DateTimeOffset.TryParse(entry.Properties["Time"], System.Globalization.CultureInfo.InvariantCulture, out _), "Time is a timestamp");
        Assert.Equal("1", entry.Properties["Attempts"]);
    }

    [Fact]
    public async Task Logs_AtEveryLevelWithBodiesOn_NeverContainTheKey()
    {
        var logs = new CapturingLoggerProvider();
        var mock = new MockHttpMessageHandler();
        var calls = 0;
        mock.When(HttpMethod.Post, Url).Respond(_ => ++calls == 1
            ? Json(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + "\",\"code\":\"invalid_api_key\"}}")
            : Json(HttpStatusCode.OK, CompletionJson));
        var client = CreateClient(mock, logs, logBodies: true);

        await Assert.ThrowsAsync<AuthenticationError>(() => client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken));
        await client.Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        Assert.NotEmpty(logs.Entries);
        foreach (var entry in logs.Entries)
        {
            Assert.DoesNotContain(Key, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, entry.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.All(entry.Properties.Values, v => Assert.DoesNotContain(Key, v?.ToString() ?? string.Empty, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bodies_LoggedOnlyAtTraceAndOnlyWhenTurnedOn()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Url).Respond(_ => Json(HttpStatusCode.OK, CompletionJson));
        var off = new CapturingLoggerProvider();
        var onButDebug = new CapturingLoggerProvider { MinimumLevel = LogLevel.Debug };
        var on = new CapturingLoggerProvider();

        await CreateClient(mock, off).Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);
        await CreateClient(mock, onButDebug, logBodies: true).Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);
        await CreateClient(mock, on, logBodies: true).Chat.Completions.CreateAsync(Request, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(off.Entries, e => e.EventId.Name is "RequestBody" or "ResponseBody");
        Assert.DoesNotContain(onButDebug.Entries, e => e.EventId.Name is "RequestBody" or "ResponseBody");
        var request = Assert.Single(on.Entries, e => e.EventId.Name == "RequestBody");
        Assert.Equal(LogLevel.Trace, request.Level);
        Assert.Contains("Hello there", (string)request.Properties["Body"]!, StringComparison.Ordinal);
        Assert.Single(on.Entries, e => e.EventId.Name == "ResponseBody");
    }
}
