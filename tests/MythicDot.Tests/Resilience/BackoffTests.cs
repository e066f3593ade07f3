using System.Net;
using MythicDot.Resilience;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Resilience;

/// <summary>Backoff: nominal min(Initial * 2^(n-1), Max), jittered into [75%, 100%] of it, without overflow.</summary>
public sealed class BackoffTests : IDisposable
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(8);

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    [InlineData(3, 2.0)]
    [InlineData(4, 4.0)]
    [InlineData(5, 8.0)]
    [InlineData(6, 8.0)]
    [InlineData(30, 8.0)]
    public void Nominal_DefaultDelays_DoublesUpToTheCap(int retry, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Nominal(retry, Initial, Max));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(1025)]
    [InlineData(int.MaxValue)]
    public void Nominal_HugeRetryNumber_IsTheCapWithoutOverflow(int retry)
    {
        Assert.Equal(Max, Backoff.Nominal(retry, Initial, Max));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    public void Delay_JitterZero_IsExactlySeventyFivePercent(int retry)
    {
        var nominal = Backoff.Nominal(retry, Initial, Max);

        Assert.Equal(TimeSpan.FromTicks(nominal.Ticks * 3 / 4), Backoff.Delay(retry, Initial, Max, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void Delay_JitterOne_IsTheNominal(int retry)
    {
        Assert.Equal(Backoff.Nominal(retry, Initial, Max), Backoff.Delay(retry, Initial, Max, 1.0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Delay_JitterJustBelowOne_IsWithinATickOfTheNominal(int retry)
    {
        var nominal = Backoff.Nominal(retry, Initial, Max);

        var delay = Backoff.Delay(retry, Initial, Max, Math.BitDecrement(1.0));

        Assert.InRange(delay, nominal - TimeSpan.FromTicks(1), nominal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    public void Delay_JitterOutsideUnitRange_StaysInTheBand(double jitter)
    {
        var delay = Backoff.Delay(2, Initial, Max, jitter);

        Assert.InRange(delay, TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Delay_ManySeededJitters_AlwaysWithinTheBand()
    {
        var random = new Random(1234);
        for (var retry = 1; retry <= 12; retry++)
        {
            var nominal = Backoff.Nominal(retry, Initial, Max);
            for (var i = 0; i < 200; i++)
            {
                var delay = Backoff.Delay(retry, Initial, Max, random.NextDouble());
                Assert.InRange(delay, TimeSpan.FromTicks(nominal.Ticks * 3 / 4), nominal);
            }
        }
    }

    [Fact]
    public async Task CreateAsync_SixRetriesWithSeededJitter_EachWaitWithinItsBand()
    {
        for (var i = 0; i < 6; i++)
        {
            _api.Enqueue(HttpStatusCode.InternalServerError, Bodies.Flat(ErrorCodes.ServerError));
        }

        _api.EnqueueChatCompletion();
        var random = new Random(42);
        var client = _api.Client(o =>
        {
            o.MaxRetries = 6;
            o.JitterSource = random.NextDouble;
        });

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        double[][] bands = [[0.375, 0.5], [0.75, 1], [1.5, 2], [3, 4], [6, 8], [6, 8]];
        Assert.Equal(bands.Length, _api.Clock.Sleeps.Count);
        for (var i = 0; i < bands.Length; i++)
        {
            Assert.InRange(_api.Clock.Sleeps[i], TimeSpan.FromSeconds(bands[i][0]), TimeSpan.FromSeconds(bands[i][1]));
        }

        Assert.Equal(7, completion.Response!.Attempts);
        Assert.Equal(7, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_JitterZero_WaitsExactlySeventyFivePercentOfEachNominal()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.MaxRetries = 3;
            o.JitterSource = () => 0;
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(0.375), TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.5)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_CustomDelays_BackoffUsesThem()
    {
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.MaxRetries = 3;
            o.InitialRetryDelay = TimeSpan.FromSeconds(2);
            o.MaxRetryDelay = TimeSpan.FromSeconds(3);
            o.JitterSource = () => 1.0;
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _api.Clock.Sleeps);
    }
}
