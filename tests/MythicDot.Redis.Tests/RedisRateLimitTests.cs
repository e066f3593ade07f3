using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MythicDot.Chat;
using MythicDot.Testing;
using StackExchange.Redis;

namespace MythicDot.Redis.Tests;

public sealed class RedisRateLimitTests
{
    private static string RedisAddress() => TestRedis.Address();

    private static async Task<ConnectionMultiplexer> ConnectAsync(string address)
    {
        var configuration = ConfigurationOptions.Parse(address);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = 1000;
        configuration.AsyncTimeout = 1000;
        configuration.SyncTimeout = 1000;
        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }

    private static string UniquePrefix() => "mdtest-" + Guid.NewGuid().ToString("N")[..12];

    private static ChatCompletionRequest Hello() => new() { Model = "mythic-4", Messages = [ChatMessage.User("hello")] };

    [Fact]
    public async Task Two_processes_share_the_request_budget_and_the_second_waits_instead_of_a_429()
    {
        var address = RedisAddress();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { RequestsPerMinute = 1000 });
        using var redisA = await ConnectAsync(address);
        using var redisB = await ConnectAsync(address);
        var options = new MythicDotRedisLimitOptions { RequestsPerMinute = 4, Window = TimeSpan.FromSeconds(2), KeyPrefix = UniquePrefix() };
        await using var limitsA = new MythicDotRedisRateLimits(redisA, options);
        await using var limitsB = new MythicDotRedisRateLimits(redisB, options);
        var clientA = emulator.CreateClient(o => limitsA.Apply(o));
        var clientB = emulator.CreateClient(o => limitsB.Apply(o));

        var calls = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? clientA : clientB).Chat.Completions.CreateAsync(Hello())).ToList();
        await Task.WhenAll(calls);

        var times = emulator.Requests.Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(8, times.Count); // every call succeeded with one attempt: no 429, no retry
        Assert.True(times[4] - times[0] >= TimeSpan.FromSeconds(1.9), $"the fifth request came {times[4] - times[0]} after the first; the window is 2 s");
    }

    [Fact]
    public async Task A_429_answered_to_one_client_holds_the_other_for_the_Retry_After()
    {
        var address = RedisAddress();
        await using var emulator = await MythicDotEmulator.StartAsync();
        using var redisA = await ConnectAsync(address);
        using var redisB = await ConnectAsync(address);
        var options = new MythicDotRedisLimitOptions { RequestsPerMinute = 1000, KeyPrefix = UniquePrefix() };
        await using var limitsA = new MythicDotRedisRateLimits(redisA, options);
        await using var limitsB = new MythicDotRedisRateLimits(redisB, options);
        var clientA = emulator.CreateClient(o => { limitsA.Apply(o); o.MaxRetries = 0; });
        var clientB = emulator.CreateClient(o => limitsB.Apply(o));

        emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.Seconds(2)));
        await Assert.ThrowsAnyAsync<ApiError>(() => clientA.Chat.Completions.CreateAsync(Hello()));
        var refusedAt = emulator.Requests[^1].ReceivedAt;
        await clientB.Chat.Completions.CreateAsync(Hello());
        var next = emulator.Requests[^1].ReceivedAt;
        Assert.True(next - refusedAt >= TimeSpan.FromSeconds(1.8), $"the other client sent {next - refusedAt} after the 429 that asked for 2 s");
    }

    [Fact]
    public async Task Redis_holds_no_api_key()
    {
        var address = RedisAddress();
        await using var emulator = await MythicDotEmulator.StartAsync();
        using var redis = await ConnectAsync(address);
        var prefix = UniquePrefix();
        await using var limits = new MythicDotRedisRateLimits(redis, new MythicDotRedisLimitOptions { RequestsPerMinute = 100, TokensPerMinute = 100_000, KeyPrefix = prefix });
        var client = emulator.CreateClient(o => limits.Apply(o));
        await client.Chat.Completions.CreateAsync(Hello());
        var cooldown = new MythicDotClientOptions { ApiKey = emulator.ApiKey };
        limits.Apply(cooldown);
        await cooldown.Cooldown!.HoldAsync(TimeSpan.FromSeconds(5));

        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.Keys(pattern: $"*{prefix}*").ToList();
        Assert.NotEmpty(keys);
        Assert.Contains(keys, k => k.ToString() == limits.GetKeyPrefix(emulator.ApiKey) + ":cooldown");
        var db = redis.GetDatabase();
        foreach (var key in keys)
        {
            Assert.DoesNotContain(emulator.ApiKey, key.ToString(), StringComparison.Ordinal);
            var dump = await db.KeyDumpAsync(key);
            Assert.DoesNotContain(emulator.ApiKey, System.Text.Encoding.Latin1.GetString(dump ?? []), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fail_open_lets_calls_through_and_logs_a_warning_when_Redis_is_unreachable()
    {
        await using var emulator = await MythicDotEmulator.StartAsync();
        using var redis = await ConnectAsync("127.0.0.1:1");
        var logger = new FakeLogger();
        await using var limits = new MythicDotRedisRateLimits(redis, new MythicDotRedisLimitOptions { RequestsPerMinute = 100, KeyPrefix = UniquePrefix() }, logger);
        var client = emulator.CreateClient(o => limits.Apply(o));

        await client.Chat.Completions.CreateAsync(Hello());
        await client.Chat.Completions.CreateAsync(Hello());

        Assert.Equal(2, emulator.Requests.Count);
        var warnings = logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.Single(warnings); // at most once per FailureLogInterval
        Assert.Contains("FailOpen", warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_closed_throws_RateLimiterRejectedError_with_the_Redis_exception_and_sends_nothing()
    {
        await using var emulator = await MythicDotEmulator.StartAsync();
        using var redis = await ConnectAsync("127.0.0.1:1");
        await using var limits = new MythicDotRedisRateLimits(redis, new MythicDotRedisLimitOptions
        {
            RequestsPerMinute = 100, KeyPrefix = UniquePrefix(), FailureMode = RedisFailureMode.FailClosed,
        });
        var client = emulator.CreateClient(o => limits.Apply(o));

        var error = await Assert.ThrowsAsync<RateLimiterRejectedError>(() => client.Chat.Completions.CreateAsync(Hello()));
        Assert.IsAssignableFrom<RedisException>(error.InnerException);
        Assert.Empty(emulator.Requests);
    }

    [Theory]
    [InlineData("RequestsPerMinute")]
    [InlineData("TokensPerMinute")]
    [InlineData("Window")]
    [InlineData("KeyPrefix")]
    [InlineData("OperationTimeout")]
    [InlineData("QueueLimit")]
    public void Options_validation_names_the_setting(string setting)
    {
        var options = new MythicDotRedisLimitOptions();
        switch (setting)
        {
            case "RequestsPerMinute": options.RequestsPerMinute = 0; break;
            case "TokensPerMinute": options.TokensPerMinute = -1; break;
            case "Window": options.Window = TimeSpan.Zero; break;
            case "KeyPrefix": options.KeyPrefix = " "; break;
            case "OperationTimeout": options.OperationTimeout = TimeSpan.Zero; break;
            case "QueueLimit": options.QueueLimit = -1; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
