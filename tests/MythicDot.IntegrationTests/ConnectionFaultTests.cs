using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Failures below the API's error bodies: proxies, dropped connections, stalls, cut-off bodies, cancellation.</summary>
public sealed class ConnectionFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_HtmlBadGatewayFromProxy_ThrowsInternalServerErrorWithStatusMessage()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Html(502));
        var client = emulator.CreateClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<InternalServerError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.StartsWith("HTTP 502 (Bad Gateway)", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Contains("<html>", error.ResponseBody, StringComparison.Ordinal);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }

    [Fact]
    public async Task CreateAsync_HtmlBadGatewayOnce_RetriesAndSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Html(502));
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_ConnectionResetOnEveryAttempt_ThrowsApiConnectionErrorAfterRetries()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            emulator.EnqueueFault(EmulatorFault.Reset());
        }

        var client = emulator.CreateClient(clock);

        var error = await Assert.ThrowsAsync<ApiConnectionError>(
            () => clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct)));

        Assert.IsNotType<ApiTimeoutError>(error);
        Assert.Null(error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, emulator.Requests.Count);
        Assert.Equal(2, clock.Sleeps.Count);
    }

    [Fact]
    public async Task CreateAsync_ConnectionResetOnFirstAttemptOnly_RetriesAndSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Reset());
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_StallPastTimeout_ThrowsApiTimeoutError()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Stall());
        var client = emulator.CreateClient(clock, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.MaxRetries = 0;
        });

        var call = client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        await emulator.WaitForRequestsAsync(1);
        var error = await Assert.ThrowsAsync<ApiTimeoutError>(() => clock.RunUntilCompletedAsync(call));

        Assert.Equal([TimeSpan.FromSeconds(5)], clock.Sleeps);
        Assert.Contains("timed out after 5 s", error.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateAsync_StallPastRealTimeout_ThrowsApiTimeoutError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Stall());
        var client = emulator.CreateClient(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 0;
        });

        var error = await Assert.ThrowsAsync<ApiTimeoutError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        // On a busy machine the real timer may fire before the request reaches the emulator, so only the error is asserted;
        // the fake-clock test above pins the rest.
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task CreateAsync_StallWithDelay_AnswersOnlyAfterTheDelay()
    {
        var serverClock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = serverClock }, Ct);
        emulator.EnqueueFault(EmulatorFault.Stall(TimeSpan.FromSeconds(30)));
        var client = emulator.CreateClient();

        var call = client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        await emulator.WaitForRequestsAsync(1);
        Assert.False(call.IsCompleted);
        serverClock.Advance(TimeSpan.FromSeconds(30));
        var completion = await call;

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(1, completion.Response!.Attempts);
        Assert.Equal(serverClock.GetUtcNow(), completion.Created);
    }

    [Fact]
    public async Task CreateAsync_TruncatedBody_ThrowsApiConnectionError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.TruncatedBody());
        var client = emulator.CreateClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<ApiConnectionError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        // The status and headers arrived; the body was cut off part way.
        Assert.IsType<HttpIOException>(error.InnerException);
        Assert.Equal(HttpRequestError.ResponseEnded, ((HttpIOException)error.InnerException).HttpRequestError);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateAsync_TruncatedBodyOnce_RetriesAndSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.TruncatedBody());
        var client = emulator.CreateClient(clock);

        var completion = await clock.RunUntilCompletedAsync(client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal("Echo: Hello!", completion.Choices[0].Message.Content);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_CallerCancelsWhileStalled_ThrowsOperationCanceledException()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Stall());
        var client = emulator.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = client.Chat.Completions.CreateAsync(TestRequests.Hello(), cancellation.Token);
        await emulator.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Single(emulator.Requests);
    }
}
