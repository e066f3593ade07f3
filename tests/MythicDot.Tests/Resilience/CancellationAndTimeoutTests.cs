using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Resilience;

/// <summary>The caller's cancellation is an OperationCanceledException; the SDK's own timeout is an ApiTimeoutError.</summary>
public sealed class CancellationAndTimeoutTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_CallerCancelsDuringAttempt_ThrowsOperationCanceledNotRetried()
    {
        _api.EnqueueHang();
        _api.EnqueueChatCompletion();
        var client = _api.Client();
        using var cancellation = new CancellationTokenSource();

        var call = client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), cancellation.Token);
        await WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_TokenAlreadyCancelled_ThrowsOperationCanceledWithoutSending()
    {
        var client = _api.Client();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), new CancellationToken(canceled: true)));

        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_CallerCancelsDuringRetryWait_ThrowsOperationCanceledWithoutAnotherAttempt()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "30"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();
        using var cancellation = new CancellationTokenSource();

        var call = client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), cancellation.Token);
        await WaitForTimerAsync();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotAssignableFrom<ApiError>(error);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_AttemptOutlastsTimeout_ThrowsApiTimeoutErrorAfterRetrying()
    {
        _api.EnqueueHang();
        _api.EnqueueHang();
        _api.EnqueueHang();
        var client = _api.Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(30);
            o.JitterSource = () => 0;
        });

        var error = await _api.FailsAsync<ApiTimeoutError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsAssignableFrom<ApiConnectionError>(error);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Contains("timed out after 30 s", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(0.375), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(30)],
            _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_TimeoutThenSuccess_RetriedAndReturnsCompletion()
    {
        _api.EnqueueHang();
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.JitterSource = () => 0;
        });

        // Driven by hand: the second attempt's timeout timer must not be fired while that attempt is still running.
        var call = client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest());
        await WaitUntilAsync(() => _api.Requests.Count == 1 && _api.Clock.NextDue() == TimeSpan.FromSeconds(5));
        _api.Clock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => _api.Clock.NextDue() == TimeSpan.FromSeconds(0.375));
        _api.Clock.Advance(TimeSpan.FromSeconds(0.375));
        var completion = await call;

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], _api.Clock.CreatedDueTimes.Where(d => d == TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task CreateAsync_Timeout_TimerCreatedOnTheOptionsClock()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.Timeout = TimeSpan.FromSeconds(42));

        // Awaited without moving the clock, so the timer cannot fire.
        await client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest());

        Assert.Equal([TimeSpan.FromSeconds(42)], _api.Clock.CreatedDueTimes);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsTimeout_OverridesClientTimeout()
    {
        _api.EnqueueHang();
        var client = _api.Client(o =>
        {
            o.Timeout = TimeSpan.FromMinutes(10);
            o.MaxRetries = 0;
        });

        var error = await _api.FailsAsync<ApiTimeoutError>(
            client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), new RequestOptions { Timeout = TimeSpan.FromSeconds(3) }));

        Assert.Equal([TimeSpan.FromSeconds(3)], _api.Clock.Sleeps);
        Assert.Single(_api.Requests);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task CreateAsync_BodyStallsPastTimeout_ThrowsApiTimeoutError()
    {
        _api.Enqueue(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) });
        var client = _api.Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(20);
            o.MaxRetries = 0;
        });

        var error = await _api.FailsAsync<ApiTimeoutError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(20)], _api.Clock.Sleeps);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_CallerOwnedHttpClientTimeoutFires_ThrowsApiTimeoutError()
    {
        _api.EnqueueHang();
        using var httpClient = new HttpClient(_api.Recorder, disposeHandler: false) { Timeout = TimeSpan.FromMilliseconds(50) };
        var client = new MythicDotClient(httpClient, _api.Options(o => o.MaxRetries = 0));

        var error = await Assert.ThrowsAsync<ApiTimeoutError>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Contains("HttpClient.Timeout", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Single(_api.Requests);
    }

    private async Task WaitForRequestsAsync(int count) => await WaitUntilAsync(() => _api.Requests.Count == count);

    private async Task WaitForTimerAsync() => await WaitUntilAsync(() => _api.Clock.NextDue() is not null);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "The call did not reach the expected state.");
    }

    /// <summary>A body whose reads wait until cancelled: headers arrived, the body never does.</summary>
    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
