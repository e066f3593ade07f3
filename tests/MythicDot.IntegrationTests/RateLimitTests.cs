using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>The emulator's rate-limit window (one minute unless configured) as the SDK reads it: <see cref="ResponseInfo.RateLimits"/> and 429 retries.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RateLimits_FirstCallOfWindow_ReportsFullWindow()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var client = emulator.CreateClient();

        var completion = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        var limits = completion.Response!.RateLimits;
        Assert.Equal(10_000, limits.LimitRequests);
        Assert.Equal(9_999, limits.RemainingRequests);
        Assert.Equal(2_000_000, limits.LimitTokens);
        Assert.Equal(2_000_000, limits.RemainingTokens);
        Assert.Equal(TimeSpan.FromMinutes(1), limits.ResetRequests);
        Assert.Equal(TimeSpan.FromMinutes(1), limits.ResetTokens);
        Assert.Equal("1m0s", completion.Response.GetHeader("x-ratelimit-reset-requests"));
    }

    [Fact]
    public async Task RateLimits_LaterCallInSameWindow_CountsDownRequestsTokensAndReset()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 20 }, Ct);
        var client = emulator.CreateClient();
        var first = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromSeconds(15.5));

        var second = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        var limits = second.Response!.RateLimits;
        Assert.Equal(20, limits.LimitRequests);
        Assert.Equal(18, limits.RemainingRequests);
        Assert.Equal(2_000_000 - first.Usage!.TotalTokens, limits.RemainingTokens);
        Assert.Equal(TimeSpan.FromSeconds(44.5), limits.ResetRequests);
        Assert.Equal("44.5s", second.Response.GetHeader("x-ratelimit-reset-requests"));
    }

    [Fact]
    public async Task RateLimits_CallAfterWindowCloses_StartsNewWindow()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 20 }, Ct);
        var client = emulator.CreateClient();
        await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        var later = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);

        Assert.Equal(19, later.Response!.RateLimits.RemainingRequests);
        Assert.Equal(2_000_000, later.Response.RateLimits.RemainingTokens);
        Assert.Equal(TimeSpan.FromMinutes(1), later.Response.RateLimits.ResetRequests);
    }

    [Fact]
    public async Task CreateAsync_RequestsPerMinuteExceeded_WaitsRetryAfterToWindowEndThenSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 1 }, Ct);
        await emulator.CreateClient(clock).Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromSeconds(15));

        // Another client (the first one would wait for the reset it was told of, and never meet the 429: see below).
        var client = emulator.CreateClient(clock);
        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(45)], clock.Sleeps);
        var requests = emulator.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(45), requests[2].ReceivedAt - requests[1].ReceivedAt);
        Assert.Equal(0, completion.Response.RateLimits.RemainingRequests);
    }

    [Fact]
    public async Task CreateAsync_NoRequestsRemaining_TheClientWaitsForTheResetAndDrawsNo429()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 1 }, Ct);
        var client = emulator.CreateClient(clock);
        var first = await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromSeconds(15));

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(0, first.Response!.RateLimits.RemainingRequests);
        Assert.Equal(1, completion.Response!.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(45)], clock.Sleeps);
        Assert.Equal(2, emulator.Requests.Count); // no 429 in between: it would be recorded too
        Assert.Equal(TimeSpan.FromSeconds(60), emulator.Requests[1].ReceivedAt - emulator.Requests[0].ReceivedAt);
    }

    [Fact]
    public async Task CreateAsync_RequestsPerMinuteExceededWithoutRetries_ThrowsRateLimitErrorWithRetryAfter()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 1 }, Ct);
        await emulator.CreateClient(clock).Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromSeconds(20));
        var client = emulator.CreateClient(clock, o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<RateLimitError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(ErrorCodes.RateLimitExceeded, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(40), error.RetryAfter);
        Assert.Equal(emulator.Requests[1].RequestId, error.RequestId);
    }

    [Fact]
    public async Task Emulator_RequestsPerMinuteExceeded_Answers429WithRetryAfterHeaderAndBody()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 1 }, Ct);
        await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        clock.Advance(TimeSpan.FromSeconds(0.5));

        var (status, headers, body) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("60", headers.GetValues("Retry-After").Single());
        Assert.Equal(60, body.GetProperty("error").GetProperty("retry_after").GetDouble());
        Assert.Equal(ErrorCodes.RateLimitExceeded, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("0", headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("59.5s", headers.GetValues("x-ratelimit-reset-requests").Single());
    }

    [Fact]
    public async Task Emulator_FiveSecondWindowRequestLimitExceeded_Answers429WithWaitToWindowEnd()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(
            new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 3, RateLimitWindow = TimeSpan.FromSeconds(5) }, Ct);
        var (firstStatus, firstHeaders, _) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        clock.Advance(TimeSpan.FromSeconds(2));
        await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        var (status, headers, body) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal("5s", firstHeaders.GetValues("x-ratelimit-reset-requests").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("3", headers.GetValues("Retry-After").Single());
        Assert.Equal(3, body.GetProperty("error").GetProperty("retry_after").GetDouble());
        Assert.Equal(ErrorCodes.RateLimitExceeded, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("3 requests per 5s", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("3", headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("0", headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("3s", headers.GetValues("x-ratelimit-reset-requests").Single());
        Assert.Equal("3s", headers.GetValues("x-ratelimit-reset-tokens").Single());
    }

    [Fact]
    public async Task Emulator_FiveSecondWindowClosed_RequestsPassAgain()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(
            new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 3, RateLimitWindow = TimeSpan.FromSeconds(5) }, Ct);
        for (var i = 0; i < 4; i++)
        {
            await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        var (status, headers, _) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("5s", headers.GetValues("x-ratelimit-reset-requests").Single());
    }

    [Fact]
    public async Task CreateAsync_FiveSecondWindowExceededWithoutRetries_ThrowsRateLimitErrorWithRestOfWindow()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(
            new MythicDotEmulatorOptions { TimeProvider = clock, RequestsPerMinute = 1, RateLimitWindow = TimeSpan.FromSeconds(5) }, Ct);
        await emulator.CreateClient(clock).Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        var client = emulator.CreateClient(clock, o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<RateLimitError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(ErrorCodes.RateLimitExceeded, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
        Assert.Equal(emulator.Requests[1].RequestId, error.RequestId);
    }

    [Fact]
    public async Task Emulator_TokensPerMinuteReached_Answers429NamingTokensWithWaitToWindowEnd()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, TokensPerMinute = 5 }, Ct);
        var (firstStatus, firstHeaders, firstBody) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        clock.Advance(TimeSpan.FromSeconds(10));

        var (status, headers, body) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.True(firstBody.GetProperty("usage").GetProperty("total_tokens").GetInt32() >= 5, "the first reply must use up the limit");
        Assert.Equal("5", firstHeaders.GetValues("x-ratelimit-limit-tokens").Single());
        Assert.Equal("5", firstHeaders.GetValues("x-ratelimit-remaining-tokens").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(ErrorCodes.RateLimitExceeded, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("token limit of 5 tokens per minute", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("50", headers.GetValues("Retry-After").Single());
        Assert.Equal(50, body.GetProperty("error").GetProperty("retry_after").GetDouble());
        Assert.Equal("5", headers.GetValues("x-ratelimit-limit-tokens").Single());
        Assert.Equal("0", headers.GetValues("x-ratelimit-remaining-tokens").Single());
        Assert.Equal("50s", headers.GetValues("x-ratelimit-reset-tokens").Single());
    }

    [Fact]
    public async Task Emulator_TokensPerMinuteWindowClosed_RequestsPassAgain()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(
            new MythicDotEmulatorOptions { TimeProvider = clock, TokensPerMinute = 5, RateLimitWindow = TimeSpan.FromSeconds(5) }, Ct);
        await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        var (rejected, _, _) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);
        clock.Advance(TimeSpan.FromSeconds(5));

        var (status, headers, _) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("5", headers.GetValues("x-ratelimit-remaining-tokens").Single());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_400_001)]
    public async Task StartAsync_RateLimitWindowOutOfRange_ThrowsArgumentExceptionNamingRateLimitWindow(long milliseconds)
    {
        var options = new MythicDotEmulatorOptions { RateLimitWindow = TimeSpan.FromMilliseconds(milliseconds) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MythicDotEmulator.StartAsync(options, Ct));

        Assert.Contains("RateLimitWindow", error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public async Task StartAsync_RateLimitWindowOfOneDay_Starts()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { RateLimitWindow = TimeSpan.FromDays(1) }, Ct);

        var (status, headers, _) = await RawApi.PostAsync(emulator, "chat/completions", TestRequests.HelloJson);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("24h0m0s", headers.GetValues("x-ratelimit-reset-requests").Single());
    }

    [Fact]
    public async Task StartAsync_TokensPerMinuteBelowOne_ThrowsArgumentExceptionNamingTokensPerMinute()
    {
        var options = new MythicDotEmulatorOptions { TokensPerMinute = 0 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => MythicDotEmulator.StartAsync(options, Ct));

        Assert.Contains("TokensPerMinute", error.Message, StringComparison.Ordinal);
    }
}
