using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Resilience;

/// <summary>The server's wait: read from each source in order, honoured exactly on the fake clock, capped by MaxRetryAfter.</summary>
public sealed class RetryAfterTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_429WithRetryAfterMs_SleepsExactlyThoseMilliseconds()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("retry-after-ms", "1500"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromMilliseconds(1500)], _api.Clock.Sleeps);
        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_429WithFractionalRetryAfterMs_RetryAfterKeepsTheFraction()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("retry-after-ms", "250.5"));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(TimeSpan.FromTicks(2_505_000), error.RetryAfter);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_429WithFractionalRetryAfterMs_NeverRetriesBeforeTheWait()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("retry-after-ms", "250.5"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        // Timers have millisecond resolution: the wait is rounded up, never down.
        Assert.Equal([TimeSpan.FromMilliseconds(251)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_429WithRetryAfterSeconds_SleepsExactlyThoseSeconds()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "7"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(7)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_429WithRetryAfterHttpDate_SleepsUntilThatDateOnTheClock()
    {
        var date = _api.Clock.GetUtcNow().AddSeconds(12);
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", date.ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(12)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_429WithRetryAfterInBody_SleepsThoseSeconds()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, retryAfter: 30));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(30)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_503WithRetryAfter_SleepsTheServerWait()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat(ErrorCodes.ServiceUnavailable), ("Retry-After", "3"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(3)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_AllThreeSources_RetryAfterMsWins()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, retryAfter: 30), ("retry-after-ms", "2000"), ("Retry-After", "5"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(2)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_RetryAfterHeaderAndBody_HeaderWins()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, retryAfter: 30), ("Retry-After", "5"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(5)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_InvalidRetryAfterMs_FallsBackToRetryAfter()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("retry-after-ms", "soon"), ("Retry-After", "4"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(4)], _api.Clock.Sleeps);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("Wed, 01 Jan 2020 00:00:00 GMT")]
    public async Task CreateAsync_UnusableRetryAfter_BackoffUsed(string value)
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", value), ("retry-after-ms", value));
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.JitterSource = () => 0);

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        // Backoff before retry 1 with jitter 0: 75% of 0.5 s.
        Assert.Equal([TimeSpan.FromMilliseconds(375)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("\"NaN\"")]
    [InlineData("\"later\"")]
    [InlineData("null")]
    public async Task CreateAsync_UnusableBodyRetryAfter_BackoffUsed(string value)
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, $$"""{"success":false,"code":"rate_limit_exceeded","message":"slow down","retry_after":{{value}}}""");
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.JitterSource = () => 0);

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromMilliseconds(375)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_ServerWait_NotJittered()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "2"));
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "2"));
        _api.EnqueueChatCompletion();
        var jitterCalls = 0;
        var client = _api.Client(o => o.JitterSource = () =>
        {
            jitterCalls++;
            return 0;
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], _api.Clock.Sleeps);
        Assert.Equal(0, jitterCalls);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_ServerWaitLongerThanMaxRetryDelay_StillHonoured()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "45"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(45)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_ServerWaitLongerThanMaxRetryAfter_ThrowsAtOnceWithRetryAfter()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, requestId: "req_long"), ("Retry-After", "120"));
        var client = _api.Client();

        var error = await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Empty(_api.Clock.Sleeps);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_ServerWaitAboveCustomMaxRetryAfter_ThrowsAtOnce()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("retry-after-ms", "5001"));
        var client = _api.Client(o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));

        var error = await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(TimeSpan.FromMilliseconds(5001), error.RetryAfter);
        Assert.Empty(_api.Clock.Sleeps);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_ServerWaitEqualToMaxRetryAfter_IsSlept()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "60"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(60)], _api.Clock.Sleeps);
    }

    [Theory]
    [InlineData("1500", 1500.0)]
    [InlineData(" 20 ", 20.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("2500.25", 2500.25)]
    public void FromMilliseconds_ValidValue_ParsesMilliseconds(string value, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond)), MythicDot.Resilience.RetryAfterReader.FromMilliseconds(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("abc")]
    public void FromMilliseconds_UnusableValue_ReturnsNull(string? value)
    {
        Assert.Null(MythicDot.Resilience.RetryAfterReader.FromMilliseconds(value));
    }

    [Fact]
    public void FromRetryAfter_HttpDate_MeasuredAgainstTimeProvider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero));

        var wait = MythicDot.Resilience.RetryAfterReader.FromRetryAfter("Tue, 04 Mar 2025 10:01:30 GMT", clock);

        Assert.Equal(TimeSpan.FromSeconds(90), wait);
    }

    [Fact]
    public void FromRetryAfter_HttpDateInThePast_ReturnsNull()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero));

        Assert.Null(MythicDot.Resilience.RetryAfterReader.FromRetryAfter("Tue, 04 Mar 2025 09:59:00 GMT", clock));
    }
}
