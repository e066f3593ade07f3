using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Retries over real sockets, with every wait on a fake clock shared by the client and the emulator.</summary>
public sealed class RetryTests
{
    private static readonly TimeSpan FirstBackoffMin = TimeSpan.FromSeconds(0.375);
    private static readonly TimeSpan FirstBackoffMax = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan SecondBackoffMin = TimeSpan.FromSeconds(0.75);
    private static readonly TimeSpan SecondBackoffMax = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, double> RetryAfterForms => new()
    {
        { "Retry-After seconds", 2 },
        { "Retry-After HTTP date", 4 },
        { "retry-after-ms", 1.5 },
        { "body retry_after", 3 },
    };

    [Theory]
    [MemberData(nameof(RetryAfterForms))]
    public async Task CreateAsync_RateLimitedWithRetryAfter_WaitsExactlyThatLongThenSucceeds(string form, double seconds)
    {
        var wait = TimeSpan.FromSeconds(seconds);
        var retryAfter = form switch
        {
            "Retry-After seconds" => RetryAfterForm.Seconds((int)seconds),
            "Retry-After HTTP date" => RetryAfterForm.HttpDate(wait),
            "retry-after-ms" => RetryAfterForm.Milliseconds((int)wait.TotalMilliseconds),
            _ => RetryAfterForm.Body(seconds),
        };
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", retryAfter: retryAfter));
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal([wait], clock.Sleeps);
        var requests = emulator.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(wait, requests[1].ReceivedAt - requests[0].ReceivedAt);
    }

    [Fact]
    public async Task CreateAsync_RateLimitedWithNestedEnvelope_WaitsRetryAfterThenSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Slow down", RetryAfterForm.Seconds(5), ErrorEnvelope.Nested));
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal([TimeSpan.FromSeconds(5)], clock.Sleeps);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_RetryAfterAboveMaxRetryAfter_ThrowsRateLimitErrorAtOnce()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", RetryAfterForm.Seconds(120)));
        var client = emulator.CreateClient(clock, o => o.MaxRetryAfter = TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<RateLimitError>(
            () => clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct)));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(ErrorCodes.RateLimitExceeded, error.Code);
        Assert.Equal(1, error.Attempts);
        Assert.Empty(clock.Sleeps);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateAsync_UnparseableRetryAfter_WaitsJitteredBackoffInstead()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.RawHeader("soon")));
        var client = emulator.CreateClient(clock);

        await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        var sleep = Assert.Single(clock.Sleeps);
        Assert.InRange(sleep, FirstBackoffMin, FirstBackoffMax);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_ServiceUnavailableOnEveryAttempt_ThrowsServiceUnavailableErrorAfterThreeAttempts()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            emulator.EnqueueFault(EmulatorFault.Status(503, ErrorCodes.ServiceUnavailable, "Down for maintenance"));
        }

        var client = emulator.CreateClient(clock);

        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(
            () => clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct)));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("Down for maintenance", error.Message);
        Assert.Equal(emulator.Requests[2].RequestId, error.RequestId);
        Assert.Equal(3, emulator.Requests.Count);
        Assert.Equal(2, clock.Sleeps.Count);
        Assert.InRange(clock.Sleeps[0], FirstBackoffMin, FirstBackoffMax);
        Assert.InRange(clock.Sleeps[1], SecondBackoffMin, SecondBackoffMax);
    }

    [Fact]
    public async Task CreateAsync_ServiceUnavailableWithShouldRetryFalse_DoesNotRetry()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503, shouldRetry: false));
        var client = emulator.CreateClient(clock);

        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(
            () => clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct)));

        Assert.Equal(1, error.Attempts);
        Assert.Equal("false", error.ResponseHeaders["x-should-retry"]);
        Assert.Single(emulator.Requests);
        Assert.Empty(clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_BadRequestWithShouldRetryTrue_RetriesAndSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(400, ErrorCodes.InvalidRequest, "Try again", shouldRetry: true));
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_SuccessFalseRateLimitOnHttp200_RetriesAndSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.SuccessFalse(ErrorCodes.RateLimitExceeded, "Rate limit exceeded"));
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(2, completion.Response!.Attempts);
        Assert.InRange(Assert.Single(clock.Sleeps), FirstBackoffMin, FirstBackoffMax);
    }

    [Fact]
    public async Task CreateAsync_SuccessFalseRateLimitWithoutRetries_ThrowsRateLimitError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.SuccessFalse(ErrorCodes.RateLimitExceeded, "Rate limit exceeded", RetryAfterForm.Body(7)));
        var client = emulator.CreateClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<RateLimitError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }

    [Fact]
    public async Task CreateAsync_RetriedAfterServerError_ResendsIdenticalBodyBytes()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(500));
        emulator.EnqueueFault(EmulatorFault.Reset());
        var client = emulator.CreateClient(clock);

        await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        var requests = emulator.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(TestRequests.HelloJson, r.Body));
        Assert.All(requests, r => Assert.Equal(requests[0].BodyBytes.ToArray(), r.BodyBytes.ToArray()));
        Assert.All(requests, r => Assert.Equal("Bearer sk-emulator-key", r.Headers["Authorization"]));
        Assert.Equal(3, requests.Select(r => r.RequestId).Distinct().Count());
    }
}
