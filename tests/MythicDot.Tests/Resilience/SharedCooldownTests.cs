using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using MythicDot.Resilience;
using MythicDot.Tests.Infrastructure;
using MythicDot.Tests.Observability;

namespace MythicDot.Tests.Resilience;

/// <summary>
/// A rate limit one call meets holds the calls that share it, on the client's clock, instead of each drawing its own 429:
/// a 429's wait (each header form and the body), or a success saying no requests remain until a reset. Clients share it by
/// sharing a <see cref="MythicDotClientOptions.RequestLimiter"/>.
/// </summary>
public sealed class SharedCooldownTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<string, string?, string?, double> Waits() => new()
    {
        { "retry-after-ms", "2500", null, 2.5 },
        { "Retry-After", "3", null, 3 },
        { "body", null, """{"error":{"message":"Slow down","code":"rate_limit_exceeded","retry_after":4}}""", 4 },
    };

    [Theory]
    [MemberData(nameof(Waits))]
    public async Task RateLimited_NextCallOnTheClient_WaitsTheServersWaitBeforeSending(string header, string? value, string? body, double seconds)
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, body ?? Bodies.Nested("rate_limit_exceeded", "Slow down"), value is null ? [] : [(header, value)]);
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.MaxRetries = 0);
        var start = _api.Clock.GetUtcNow();

        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(seconds)], _api.Clock.Sleeps);
        Assert.Equal(start + TimeSpan.FromSeconds(seconds), _api.Clock.GetUtcNow());
    }

    [Fact]
    public async Task RateLimited_ClientsSharingALimiter_AllHeldNotOthers()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 8, QueueLimit = 100 });
        var first = _api.Client(o => { o.MaxRetries = 0; o.RequestLimiter = limiter; });
        var sharing = _api.Client(o => { o.MaxRetries = 0; o.RequestLimiter = limiter; });
        var apart = _api.Client(o => o.MaxRetries = 0);
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "3"));
        _api.EnqueueChatCompletion();
        _api.EnqueueChatCompletion();

        await _api.FailsAsync<RateLimitError>(first.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(apart.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        Assert.Empty(_api.Clock.Sleeps); // not sharing: sent at once
        await _api.RunAsync(sharing.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(3)], _api.Clock.Sleeps);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task NoRequestsRemaining_NextCallWaitsForTheReset()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "1.5s"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(1.5)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task RequestsRemaining_NoWait()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("x-ratelimit-remaining-requests", "1"), ("x-ratelimit-reset-requests", "1.5s"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Empty(_api.Clock.Sleeps);
    }

    [Fact]
    public async Task HeldCall_Cancelled_SendsNothing()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "30"));
        var client = _api.Client(o => o.MaxRetries = 0);
        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        using var cancel = new CancellationTokenSource();

        var held = client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task WaitLongerThanMaxRetryAfter_HoldsNobody()
    {
        // As a retry: a wait longer than MaxRetryAfter is thrown at once, not waited. Found by ResponseFuzzTests: a retry_after
        // of 300 nines once made the next call's wait out of Task.Delay's range.
        _api.Enqueue(HttpStatusCode.TooManyRequests, """{"error":{"message":"Slow down","code":"rate_limit_exceeded","retry_after":"9999999999999999999999999999"}}""");
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion, ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "99999999h"));
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => { o.MaxRetries = 0; o.MaxRetryAfter = TimeSpan.FromSeconds(20); });
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "21"));
        _api.EnqueueChatCompletion();

        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Empty(_api.Clock.Sleeps);
        Assert.Equal(5, _api.Requests.Count);
    }

    [Fact]
    public async Task WaitOfExactlyMaxRetryAfter_Held()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "20"));
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => { o.MaxRetries = 0; o.MaxRetryAfter = TimeSpan.FromSeconds(20); });

        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(20)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task RetriedCall_WaitsOnceNotTwice()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "2"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(2)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task QueuedForAPermit_WhenAnotherCallIsRateLimited_WaitsOutTheCooldownAfterThePermit()
    {
        var limiter = new GateLimiter();
        var client = _api.Client(o => { o.MaxRetries = 0; o.RequestLimiter = limiter; });
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "3"));
        _api.EnqueueChatCompletion();

        // The queued call checked the cooldown before there was one, then waited for its permit while the other call met a 429.
        limiter.Open = false;
        var queued = client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest());
        limiter.Open = true;
        await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        limiter.GrantQueued();
        await Task.Yield();
        Assert.Single(_api.Requests);

        await _api.RunAsync(queued);

        Assert.Equal([TimeSpan.FromSeconds(3)], _api.Clock.Sleeps);
        Assert.Equal(2, _api.Requests.Count);
    }

    /// <summary>Grants at once while open; while closed, callers queue until <see cref="GrantQueued"/>.</summary>
    private sealed class GateLimiter : RateLimiter
    {
        private readonly List<TaskCompletionSource<RateLimitLease>> _queue = [];

        public bool Open { get; set; } = true;

        public override TimeSpan? IdleDuration => null;

        public void GrantQueued()
        {
            foreach (var waiter in _queue)
            {
                waiter.SetResult(GrantedLease.Instance);
            }

            _queue.Clear();
        }

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => GrantedLease.Instance;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (Open)
            {
                return new(GrantedLease.Instance);
            }

            var waiter = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add(waiter);
            return new(waiter.Task);
        }
    }
}

/// <summary>A <see cref="RateLimitCooldown"/> given in the options: shared by whoever is given it, and its failures handled.</summary>
public sealed class PluggedCooldownTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task OneCooldown_GivenToClientsWithoutALimiter_HoldsThemAll()
    {
        var cooldown = RateLimitCooldown.CreateInProcess(_api.Clock);
        var first = _api.Client(o => { o.MaxRetries = 0; o.Cooldown = cooldown; });
        var second = _api.Client(o => { o.MaxRetries = 0; o.Cooldown = cooldown; });
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("retry-after-ms", "1200"));
        _api.EnqueueChatCompletion();

        await _api.FailsAsync<RateLimitError>(first.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), await cooldown.GetRemainingAsync(TestContext.Current.CancellationToken));
        await _api.RunAsync(second.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromMilliseconds(1200)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task ShorterWait_DoesNotShortenALongerHold()
    {
        var cooldown = RateLimitCooldown.CreateInProcess(_api.Clock);

        await cooldown.HoldAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await cooldown.HoldAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        _api.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(4), await cooldown.GetRemainingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CooldownThatCannotBeRead_RejectsBeforeSending()
    {
        var client = _api.Client(o => o.Cooldown = new BrokenCooldown());

        var error = await _api.FailsAsync<RateLimiterRejectedError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Cooldown", error.Limit);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("BrokenCooldown", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CooldownThatCannotRecord_TheCallsOwn429StillThrown_WarningLogged()
    {
        using var logs = new CapturingLoggerProvider();
        var client = _api.Client(o => { o.MaxRetries = 0; o.Cooldown = new BrokenCooldown(readable: true); o.LoggerFactory = logs; });
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("Retry-After", "2"));

        var error = await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        var warning = Assert.Single(logs.Entries, e => e.EventId.Name == "CooldownNotRecorded");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("2000 ms", warning.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenCooldown(bool readable = false) : RateLimitCooldown
    {
        public override ValueTask<TimeSpan> GetRemainingAsync(CancellationToken cancellationToken = default) =>
            readable ? new(TimeSpan.Zero) : throw new TimeoutException("store unreachable");

        public override ValueTask HoldAsync(TimeSpan wait, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("store unreachable");
    }
}
