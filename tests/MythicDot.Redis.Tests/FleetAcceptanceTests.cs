using System.Diagnostics;
using MythicDot.Testing;

namespace MythicDot.Redis.Tests;

/// <summary>Runs alone: five processes (the emulator's and four workers) must not share two cores with other tests' timing.</summary>
[CollectionDefinition(nameof(FleetCollection), DisableParallelization = true)]
public sealed class FleetCollection;

/// <summary>
/// The fleet with real processes: four worker processes of <c>samples/Fleet</c>, 16 callers each, against one emulator that
/// allows 60 requests per 5 s. The emulator's request log, with the status it answered each request with, is the evidence.
/// </summary>
[Collection(nameof(FleetCollection))]
public sealed class FleetAcceptanceTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<IReadOnlyList<string>, ProcessStartInfo> Workers
    {
        get
        {
            // The sample is referenced: its apphost, Fleet.dll and runtimeconfig are copied beside the tests.
            var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Fleet.exe" : "Fleet");
            return File.Exists(apphost)
                ? Fleet.Launcher(apphost)
                : Fleet.Launcher(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "Fleet.dll"));
        }
    }

    [Fact]
    public async Task FourWorkers_WithoutTheRedisLimiter_EachMeetsTheLimitItself()
    {
        var run = await Fleet.RunAsync(Workers, redis: null, Duration, cancellationToken: Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"without Redis: {run.Requests.Count} requests, {run.RateLimited} answered 429, {run.Succeeded} calls succeeded, {run.Failed} failed, throughput {run.Throughput:P1}");
        Assert.True(run.RateLimited > 0, "64 callers with no shared limit must overrun 60 requests per 5 s.");
        Assert.Equal(run.Requests.Count(r => r.StatusCode == 429), run.RateLimited);
        Assert.Equal(Fleet.Workers, run.Requests.Select(Fleet.WorkerOf).Distinct().Count());
    }

    [Fact]
    public async Task FourWorkers_SharingTheLimitOnRedis_No429EveryCallSucceedsAtLeast90PercentOfTheLimit()
    {
        var redis = TestRedis.Address();

        var run = await Fleet.RunAsync(Workers, redis, Duration, cancellationToken: Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"with Redis: {run.Requests.Count} requests, {run.RateLimited} answered 429, {run.Succeeded} calls succeeded, {run.Failed} failed, throughput {run.Throughput:P1}");
        Assert.DoesNotContain(run.Requests, r => r.StatusCode != 200);
        Assert.Equal(0, run.Failed);
        Assert.Equal(run.Requests.Count, run.Succeeded);
        Assert.Equal(Fleet.Workers, run.Requests.Select(Fleet.WorkerOf).Distinct().Count());

        Assert.True(run.Throughput >= 0.9, $"throughput {run.Throughput:P1} of the limit");
    }

    [Fact]
    public async Task OneRetryAfter3_AnsweredToOneWorker_HoldsAllFourForThreeSeconds()
    {
        var redis = TestRedis.Address();
        var injected = DateTimeOffset.MinValue;

        var run = await Fleet.RunAsync(Workers, redis, TimeSpan.FromSeconds(10), async (emulator, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            injected = DateTimeOffset.UtcNow;
            emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.Seconds(3)), "chat/completions");
        }, pace: TimeSpan.FromSeconds(6.4), Ct); // each caller starts a call every 6.4 s: 10 requests per second, under the limit

        var limited = Assert.Single(run.Requests, r => r.StatusCode == 429);
        Assert.True(limited.ReceivedAt >= injected);
        var hold = CooldownHold.Find(run, TimeSpan.FromSeconds(3))!;
        Assert.Same(limited, hold.RateLimited);
        TestContext.Current.TestOutputHelper?.WriteLine($"{hold.Before} requests in the 3 s before the 429; 429 to worker {Fleet.WorkerOf(limited)}; in flight {hold.InFlight}; during the hold {hold.DuringHold}; resumed {string.Join(", ", hold.Resumed.OrderBy(r => r.Key).Select(r => $"worker {r.Key} +{r.Value.TotalMilliseconds:0} ms"))}");

        // Without a hold the flow goes on: the 3 s before the 429 carried a steady 10 requests per second.
        Assert.True(hold.Before >= 20, $"only {hold.Before} requests in the 3 s before the 429");
        Assert.Equal(0, hold.DuringHold);
        Assert.Equal([1, 2, 3, 4], hold.Resumed.Keys.Order());
        Assert.All(hold.Resumed.Values, after => Assert.InRange(after, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5)));
        Assert.Equal(0, run.Failed);
    }
}
