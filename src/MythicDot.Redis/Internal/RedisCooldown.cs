using MythicDot.Resilience;
using StackExchange.Redis;

namespace MythicDot.Redis.Internal;

/// <summary>The fleet's cooldown: one Redis key whose TTL is the time left; a hold only ever lengthens it.</summary>
internal sealed class RedisCooldown(Lazy<IConnectionMultiplexer> redis, RedisKey key, RedisFailures failures) : RateLimitCooldown
{
    // Sets the key with the new TTL only when it is longer than the TTL the key has (PTTL is -2 when missing, -1 without TTL).
    private const string HoldScript = """
        local ttl = redis.call('PTTL', KEYS[1])
        local wanted = tonumber(ARGV[1])
        if ttl < wanted then
          redis.call('SET', KEYS[1], '1', 'PX', wanted)
          return 1
        end
        return 0
        """;

    public RedisKey Key => key;

    public override async ValueTask<TimeSpan> GetRemainingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var ttl = await failures.RunAsync(async () => await redis.Value.GetDatabase().KeyTimeToLiveAsync(key).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            return ttl is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (failures.ShouldPass(ex, "shared cooldown"))
            {
                return TimeSpan.Zero;
            }

            throw RedisFailures.Describe(ex, "shared cooldown");
        }
    }

    public override async ValueTask HoldAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        var ms = (long)Math.Ceiling(wait.TotalMilliseconds);
        try
        {
            await failures.RunAsync(async () => await redis.Value.GetDatabase().ScriptEvaluateAsync(HoldScript, [key], [ms]).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The core logs and ignores an exception from a hold; fail open logs its own (throttled) warning instead.
            if (!failures.ShouldPass(ex, "shared cooldown"))
            {
                throw RedisFailures.Describe(ex, "shared cooldown");
            }
        }
    }
}
