using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Errors;

/// <summary>The API key never appears in what an error exposes, whatever the failure.</summary>
public sealed class KeyLeakTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<string> Failures => new()
    {
        "401 nested",
        "400 flat with param",
        "429 with Retry-After",
        "429 over MaxRetryAfter",
        "502 HTML page",
        "500 empty",
        "200 success:false",
        "200 unreadable",
        "connection refused",
        "timeout",
        "retries exhausted",
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task CreateAsync_Failure_KeyNotInAnythingTheErrorExposes(string failure)
    {
        Enqueue(failure);
        // Only the timeout case gets a timeout: on the fake clock, a timer pending during a slow attempt could fire early.
        var client = _api.Client(o => o.Timeout = failure == "timeout" ? TimeSpan.FromSeconds(5) : Timeout.InfiniteTimeSpan);

        var error = await CatchAsync(client);

        AssertNoKey(error);
        Assert.All(_api.Requests, r => Assert.Equal("Bearer " + ApiHarness.ApiKey, r.Header("Authorization")));
    }

    [Fact]
    public async Task CreateAsync_ServerEchoesTheKey_KeyRedactedFromTheError()
    {
        // A misbehaving proxy that echoes the request headers into its error page and its own headers.
        _api.Enqueue(
            HttpStatusCode.BadRequest,
            Bodies.Flat(ErrorCodes.InvalidApiKey, "Incorrect API key provided: " + ApiHarness.ApiKey),
            ("X-Echo-Authorization", "Bearer " + ApiHarness.ApiKey));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<AuthenticationError>(error);
        AssertNoKey(error);
        Assert.Contains("Incorrect API key provided: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_HtmlPageEchoesTheKey_KeyRedactedFromTheError()
    {
        var page = "<html><body><h1>400 Bad Request</h1><pre>Authorization: Bearer " + ApiHarness.ApiKey + "</pre></body></html>";
        _api.EnqueueBytes(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(page), "text/html");
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<BadRequestError>(error);
        AssertNoKey(error);
        Assert.StartsWith("HTTP 400 (Bad Request): <html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_UnreadableSuccessBodyEchoesTheKey_KeyRedactedFromTheError()
    {
        _api.Enqueue(HttpStatusCode.OK, "<pre>Bearer " + ApiHarness.ApiKey + "</pre>");
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<ApiError>(error);
        AssertNoKey(error);
    }

    private static void AssertNoKey(ApiError error)
    {
        const string Key = ApiHarness.ApiKey;
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.ResponseBody ?? string.Empty, StringComparison.Ordinal);
        Assert.All(error.ResponseHeaders, header =>
        {
            Assert.DoesNotContain(Key, header.Key, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, header.Value, StringComparison.Ordinal);
        });
        for (Exception? inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            Assert.DoesNotContain(Key, inner.ToString(), StringComparison.Ordinal);
        }
    }

    private void Enqueue(string failure)
    {
        switch (failure)
        {
            case "401 nested":
                _api.Enqueue(HttpStatusCode.Unauthorized, Bodies.Nested(ErrorCodes.InvalidApiKey, "Invalid API key", "invalid_request_error", "api_key"));
                break;
            case "400 flat with param":
                _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Flat(ErrorCodes.ParameterMissing, "messages is required", "messages", "req_1"));
                break;
            case "429 with Retry-After":
                _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "1"));
                _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "1"));
                _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "1"));
                break;
            case "429 over MaxRetryAfter":
                _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "3600"));
                break;
            case "502 HTML page":
                _api.EnqueueBytes(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>bad gateway</html>"), "text/html");
                _api.EnqueueBytes(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>bad gateway</html>"), "text/html");
                _api.EnqueueBytes(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>bad gateway</html>"), "text/html");
                break;
            case "500 empty":
                _api.EnqueueBytes(HttpStatusCode.InternalServerError, []);
                _api.EnqueueBytes(HttpStatusCode.InternalServerError, []);
                _api.EnqueueBytes(HttpStatusCode.InternalServerError, []);
                break;
            case "200 success:false":
                _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(ErrorCodes.PermissionError, "Not allowed"));
                break;
            case "200 unreadable":
                _api.Enqueue(HttpStatusCode.OK, "{not json");
                break;
            case "connection refused":
                _api.EnqueueThrow(new HttpRequestException("Connection refused"));
                _api.EnqueueThrow(new HttpRequestException("Connection refused"));
                _api.EnqueueThrow(new HttpRequestException("Connection refused"));
                break;
            case "timeout":
                _api.EnqueueHang();
                _api.EnqueueHang();
                _api.EnqueueHang();
                break;
            case "retries exhausted":
                _api.Enqueue(HttpStatusCode.InternalServerError, Bodies.Flat(ErrorCodes.ServerError));
                _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat(ErrorCodes.ServiceUnavailable));
                _api.Enqueue(HttpStatusCode.BadGateway, Bodies.Flat(ErrorCodes.ProviderExhausted));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }

    private Task<ApiError> CatchAsync(MythicDotClient client) => _api.CatchAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
}
