using System.Diagnostics;
using System.Net;
using MythicDot.Resilience;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Resilience;

/// <summary>
/// The opt-in circuit breaker (Polly's): after a run of transient failures the client fails fast with a
/// <see cref="CircuitOpenError"/> saying when it will try again, sends nothing, then lets one probe through.
/// </summary>
public sealed class CircuitBreakerTests : IDisposable
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(10);

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task RunOfTransientFailures_OpensTheCircuit_NextCallFailsFastWithoutSending()
    {
        var client = Client(threshold: 3);
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));
            await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        }

        var error = await _api.FailsAsync<CircuitOpenError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(Break, error.RetryAfter);
        Assert.Contains("circuit breaker is open", error.Message, StringComparison.Ordinal);
        Assert.Contains("probe through in 10000 ms", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Attempts); // nothing was sent
        Assert.Contains("10 seconds", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheBreak_OneProbe_SuccessClosesTheCircuit()
    {
        var client = await OpenedAsync(threshold: 2);
        _api.Clock.Advance(TimeSpan.FromSeconds(4));
        var early = await _api.FailsAsync<CircuitOpenError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        Assert.Equal(TimeSpan.FromSeconds(6), early.RetryAfter);

        _api.Clock.Advance(TimeSpan.FromSeconds(6));
        _api.EnqueueChatCompletion();
        _api.EnqueueChatCompletion();
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(4, _api.Requests.Count);
    }

    [Fact]
    public async Task ProbeFails_CircuitOpensAgainForAnotherBreak()
    {
        var client = await OpenedAsync(threshold: 2);
        _api.Clock.Advance(Break);
        _api.Enqueue(HttpStatusCode.InternalServerError, Bodies.Nested("server_error", "Boom"));

        await _api.FailsAsync<InternalServerError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        var error = await _api.FailsAsync<CircuitOpenError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(Break, error.RetryAfter);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task RetriedCall_EachAttemptCounts_CircuitOpenStopsTheRetries()
    {
        var client = Client(threshold: 2, retries: 3);
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));

        var error = await _api.FailsAsync<CircuitOpenError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(2, error.Attempts); // the third was refused by the open circuit, not sent
    }

    [Fact]
    public async Task RateLimitsAndClientErrors_DoNotCount()
    {
        var client = Client(threshold: 2);
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"));
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Nested("invalid_request", "Bad"));
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"));
        _api.EnqueueChatCompletion();

        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<BadRequestError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(4, _api.Requests.Count);
    }

    [Fact]
    public async Task DroppedConnections_Count()
    {
        var client = Client(threshold: 2);
        _api.EnqueueThrow(new HttpRequestException("reset"));
        _api.EnqueueThrow(new HttpRequestException("reset"));

        await _api.FailsAsync<ApiConnectionError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<ApiConnectionError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<CircuitOpenError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task Open_FailsWellUnderAMillisecond()
    {
        var client = await OpenedAsync(threshold: 2);
        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await Assert.ThrowsAsync<CircuitOpenError>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        Assert.True(times[100] < 1, $"median {times[100]:0.000} ms");
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task ClientsDoNotShareACircuit()
    {
        var open = await OpenedAsync(threshold: 2);
        var other = Client(threshold: 2);
        _api.EnqueueChatCompletion();

        await _api.FailsAsync<CircuitOpenError>(open.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(other.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
    }

    [Fact]
    public async Task CallersOptionsChangedLater_DoNotReachTheClient()
    {
        var breaker = new CircuitBreakerOptions { FailureThreshold = 2, BreakDuration = Break };
        var client = _api.Client(o => { o.MaxRetries = 0; o.CircuitBreaker = breaker; });
        breaker.FailureThreshold = 100;
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));

        await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<CircuitOpenError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
    }

    [Theory]
    [InlineData(1, 1.0, 30, 30, "CircuitBreaker.FailureThreshold must be at least 2 (was 1)")]
    [InlineData(5, 0.0, 30, 30, "CircuitBreaker.FailureRatio must be greater than 0 and at most 1 (was 0)")]
    [InlineData(5, 1.5, 30, 30, "CircuitBreaker.FailureRatio must be greater than 0 and at most 1 (was 1.5)")]
    [InlineData(5, 1.0, 0.1, 30, "CircuitBreaker.SamplingDuration must be at least 500 ms")]
    [InlineData(5, 1.0, 30, 0.1, "CircuitBreaker.BreakDuration must be at least 500 ms")]
    public void InvalidSettings_NamedInTheError(int threshold, double ratio, double sampling, double breakSeconds, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.CircuitBreaker = new CircuitBreakerOptions
        {
            FailureThreshold = threshold,
            FailureRatio = ratio,
            SamplingDuration = TimeSpan.FromSeconds(sampling),
            BreakDuration = TimeSpan.FromSeconds(breakSeconds),
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private MythicDotClient Client(int threshold, int retries = 0) => _api.Client(o =>
    {
        o.MaxRetries = retries;
        o.CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = threshold, BreakDuration = Break };
    });

    private async Task<MythicDotClient> OpenedAsync(int threshold)
    {
        var client = Client(threshold);
        for (var i = 0; i < threshold; i++)
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));
            await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        }

        return client;
    }
}
