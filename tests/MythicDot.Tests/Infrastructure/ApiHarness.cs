using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Infrastructure;

/// <summary>
/// A client wired to a fake transport (MockHttp behind a <see cref="RecordingHandler"/>) and a fake clock.
/// Responses are queued in order with <see cref="Enqueue(HttpStatusCode, string?, (string Name, string Value)[])"/>;
/// a request with nothing queued gets HTTP 499 "unexpected request", which no test expects.
/// </summary>
public sealed class ApiHarness : IDisposable
{
    /// <summary>A key distinctive enough that finding it in any text is a leak.</summary>
    public const string ApiKey = "sk-proj-TESTKEY-7f3a9c1e5b2d4680";

    public const string ChatUrl = "https://api.mythicdot.test/v1/chat/completions";

    public static readonly Uri BaseUrl = new("https://api.mythicdot.test/v1/");

    private readonly HttpClient _httpClient;

    public ApiHarness()
    {
        Mock.Fallback.Respond(request => FakeResponses.Create((HttpStatusCode)499, "unexpected request: nothing queued for " + request.RequestUri));
        Recorder = new RecordingHandler(Mock);
        _httpClient = new HttpClient(Recorder) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public RecordingHandler Recorder { get; }

    public FakeTimeProvider Clock { get; } = new();

    public IReadOnlyList<SentRequest> Requests => Recorder.Requests;

    public HttpClient HttpClient => _httpClient;

    /// <summary>
    /// Options for tests: the fake clock, a fixed jitter, and no per-attempt timeout (so that a slow machine never
    /// lets the fake clock fire a timeout a test did not ask for).
    /// </summary>
    public MythicDotClientOptions Options(Action<MythicDotClientOptions>? configure = null)
    {
        var options = new MythicDotClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = BaseUrl,
            TimeProvider = Clock,
            Timeout = Timeout.InfiniteTimeSpan,
            JitterSource = () => 0.5,
        };
        configure?.Invoke(options);
        return options;
    }

    public MythicDotClient Client(Action<MythicDotClientOptions>? configure = null) => new(_httpClient, Options(configure));

    /// <summary>Queues the response to the next request.</summary>
    public void Enqueue(HttpStatusCode status, string? body = null, params (string Name, string Value)[] headers) =>
        Enqueue(() => FakeResponses.Create(status, body, headers));

    /// <summary>Queues a response with a raw body.</summary>
    public void EnqueueBytes(HttpStatusCode status, byte[] body, string contentType = "application/json") =>
        Enqueue(() => FakeResponses.Create(status, body, contentType));

    /// <summary>Queues a response built when the request arrives.</summary>
    public void Enqueue(Func<HttpResponseMessage> response)
    {
        var expectation = new MockedRequest();
        expectation.Respond(_ => response());
        Mock.AddRequestExpectation(expectation);
    }

    /// <summary>Queues a failure of the transport itself (refused, reset...).</summary>
    public void EnqueueThrow(Exception exception)
    {
        var expectation = new MockedRequest();
        expectation.Throw(exception);
        Mock.AddRequestExpectation(expectation);
    }

    /// <summary>Queues a request that never gets an answer; only its cancellation token ends it.</summary>
    public void EnqueueHang()
    {
        var expectation = new MockedRequest();
        expectation.Respond(() => new TaskCompletionSource<HttpResponseMessage>().Task);
        Mock.AddRequestExpectation(expectation);
    }

    public void EnqueueChatCompletion() => Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion);

    /// <summary>Runs a call on the fake clock: jumps to each timer it waits on, and records the jumps in <see cref="FakeTimeProvider.Sleeps"/>.</summary>
    public Task<T> RunAsync<T>(Task<T> call) => Clock.RunUntilCompletedAsync(call);

    /// <summary>Runs a call on the fake clock and returns the exception of exactly type <typeparamref name="TException"/> it ended with.</summary>
    public async Task<TException> FailsAsync<TException>(Task call)
        where TException : Exception
    {
        await Clock.RunUntilCompletedAsync(call);
        return await Assert.ThrowsAsync<TException>(() => call);
    }

    /// <summary>Runs a call on the fake clock and returns the <see cref="ApiError"/>, of whatever subtype, it ended with.</summary>
    public async Task<ApiError> CatchAsync(Task call)
    {
        await Clock.RunUntilCompletedAsync(call);
        return await Assert.ThrowsAnyAsync<ApiError>(() => call);
    }

    public static ChatCompletionRequest ChatRequest() => new()
    {
        Model = "mythic-4",
        Messages = [ChatMessage.User("Hello!")],
    };

    public void Dispose()
    {
        _httpClient.Dispose();
        Mock.Dispose();
    }
}

/// <summary>Builds fake responses.</summary>
public static class FakeResponses
{
    public static HttpResponseMessage Create(HttpStatusCode status, string? body, params (string Name, string Value)[] headers)
    {
        var response = Create(status, body is null ? [] : Encoding.UTF8.GetBytes(body), "application/json");
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    public static HttpResponseMessage Create(HttpStatusCode status, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(status) { Content = content };
    }
}

/// <summary>Response bodies the API sends.</summary>
public static class Bodies
{
    public const string ChatCompletion = """
        {"id":"chatcmpl-abc123","object":"chat.completion","created":1704067200,"model":"mythic-4",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":25,"completion_tokens":8,"total_tokens":33}}
        """;

    /// <summary>The flat envelope of the error reference.</summary>
    public static string Flat(string? code, string message = "Something failed", string? param = null, string? requestId = null, double? retryAfter = null)
    {
        var fields = new List<string> { "\"success\":false", "\"message\":" + Quote(message) };
        if (code is not null)
        {
            fields.Add("\"code\":" + Quote(code));
        }

        if (param is not null)
        {
            fields.Add("\"param\":" + Quote(param));
        }

        if (retryAfter is { } seconds)
        {
            fields.Add("\"retry_after\":" + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (requestId is not null)
        {
            fields.Add("\"request_id\":" + Quote(requestId));
        }

        return "{" + string.Join(",", fields) + "}";
    }

    /// <summary>The nested envelope of the public API pages.</summary>
    public static string Nested(string? code, string message = "Something failed", string? type = null, string? param = null) =>
        "{\"error\":{\"message\":" + Quote(message)
        + (type is null ? string.Empty : ",\"type\":" + Quote(type))
        + (param is null ? string.Empty : ",\"param\":" + Quote(param))
        + (code is null ? string.Empty : ",\"code\":" + Quote(code))
        + "}}";

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
