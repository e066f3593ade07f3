using System.Net;
using System.Text;
using System.Threading.RateLimiting;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Observability;

public sealed class ConcurrencyLimitTests
{
    private const string ModelJson = """{"id":"mythic-4","object":"model","created":1704067200}""";

    private sealed class GatedHandler : HttpMessageHandler
    {
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Started;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref Started);
            lock (this)
            {
                MaxInFlight = Math.Max(MaxInFlight, now);
            }

            try
            {
                await Gate.Task.WaitAsync(cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ModelJson, Encoding.UTF8, "application/json") };
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    [Fact]
    public async Task MaxConcurrentRequests_Burst_QueuesBeyondTheCap()
    {
        var handler = new GatedHandler();
        var client = new MythicDotClient(new HttpClient(handler), new MythicDotClientOptions
        {
            ApiKey = "sk-cap",
            BaseUrl = new Uri("https://api.test/v1/"),
            MaxConcurrentRequests = 2,
        });

        var calls = Enumerable.Range(0, 6).Select(_ => client.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken)).ToList();
        await WaitUntil(() => Volatile.Read(ref handler.Started) >= 2);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var startedWhileBlocked = Volatile.Read(ref handler.Started);
        handler.Gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(2, startedWhileBlocked);
        Assert.Equal(2, handler.MaxInFlight);
        Assert.Equal(6, handler.Started);
    }

    [Fact]
    public async Task MaxConcurrentRequests_QueuedCallerCancels_ThrowsOperationCanceledWithoutSending()
    {
        var handler = new GatedHandler();
        var client = new MythicDotClient(new HttpClient(handler), new MythicDotClientOptions
        {
            ApiKey = "sk-cap",
            BaseUrl = new Uri("https://api.test/v1/"),
            MaxConcurrentRequests = 1,
        });
        var first = client.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken);
        await WaitUntil(() => Volatile.Read(ref handler.Started) == 1);
        using var cts = new CancellationTokenSource();

        var queued = client.Models.GetAsync("mythic-4", cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        handler.Gate.SetResult();
        await first;
        Assert.Equal(1, handler.Started);
    }

    [Fact]
    public async Task MaxConcurrentRequests_OptionsChangedAfterAClientWasBuilt_NextClientHasItsOwnCap()
    {
        var handler = new GatedHandler();
        var options = new MythicDotClientOptions { ApiKey = "sk-cap", BaseUrl = new Uri("https://api.test/v1/"), MaxConcurrentRequests = 1 };
        _ = new MythicDotClient(new HttpClient(handler), options);
        options.MaxConcurrentRequests = 8;
        var b = new MythicDotClient(new HttpClient(handler), options);

        var calls = Enumerable.Range(0, 2).Select(_ => b.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken)).ToList();
        await WaitUntil(() => Volatile.Read(ref handler.Started) >= 2);
        handler.Gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(2, handler.MaxInFlight);
    }

    [Fact]
    public async Task MaxConcurrentRequests_TwoClientsFromOneOptionsInstance_EachHaveTheCap()
    {
        var handler = new GatedHandler();
        var options = new MythicDotClientOptions { ApiKey = "sk-cap", BaseUrl = new Uri("https://api.test/v1/"), MaxConcurrentRequests = 1 };
        var a = new MythicDotClient(new HttpClient(handler), options);
        var b = new MythicDotClient(new HttpClient(handler), options);

        var first = a.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken);
        var second = b.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken);
        await WaitUntil(() => Volatile.Read(ref handler.Started) >= 2);
        handler.Gate.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(2, handler.MaxInFlight);
    }

    [Fact]
    public async Task RequestLimiter_OneLimiterGivenToTwoClients_SharesTheCap()
    {
        var handler = new GatedHandler();
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 10 });
        var a = new MythicDotClient(new HttpClient(handler), new MythicDotClientOptions { ApiKey = "sk-a", BaseUrl = new Uri("https://api.test/v1/"), RequestLimiter = limiter });
        var b = new MythicDotClient(new HttpClient(handler), new MythicDotClientOptions { ApiKey = "sk-b", BaseUrl = new Uri("https://api.test/v1/"), RequestLimiter = limiter });

        var first = a.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken);
        var second = b.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken);
        await WaitUntil(() => Volatile.Read(ref handler.Started) >= 1);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var startedWhileBlocked = Volatile.Read(ref handler.Started);
        handler.Gate.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(1, startedWhileBlocked);
        Assert.Equal(1, handler.MaxInFlight);
    }

    [Fact]
    public async Task RequestLimiter_RefusesThePermit_ThrowsRateLimiterRejectedErrorWithoutSending()
    {
        var handler = new GatedHandler();
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
        using var held = limiter.AttemptAcquire();
        var client = new MythicDotClient(new HttpClient(handler), new MythicDotClientOptions { ApiKey = "sk-cap", BaseUrl = new Uri("https://api.test/v1/"), RequestLimiter = limiter });

        var error = await Assert.ThrowsAsync<RateLimiterRejectedError>(() => client.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken));

        Assert.Equal("RequestLimiter", error.Limit);
        Assert.Equal(1, error.Permits);
        Assert.Contains("RequestLimiter", error.Message, StringComparison.Ordinal);
        Assert.Contains("not sent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(0, handler.Started);
    }

    [Fact]
    public void RequestLimiter_WithMaxConcurrentRequests_IsRefusedAtConstruction()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });

        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(new MythicDotClientOptions { ApiKey = "sk-x", MaxConcurrentRequests = 2, RequestLimiter = limiter }));

        Assert.Contains("RequestLimiter", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentRequests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxConcurrentRequests_Zero_IsRefusedAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(new MythicDotClientOptions { ApiKey = "sk-x", MaxConcurrentRequests = 0 }));

        Assert.Contains("MaxConcurrentRequests", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }
}
