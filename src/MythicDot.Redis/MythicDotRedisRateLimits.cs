using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MythicDot.Redis.Internal;
using MythicDot.Resilience;
using RedisRateLimiting;
using StackExchange.Redis;

namespace MythicDot.Redis;

/// <summary>
/// The shared limits of one or more MythicDot accounts on one Redis: for each API key, a request budget, a token budget and the
/// server's 429 cooldown that every process using the same key and <see cref="MythicDotRedisLimitOptions.KeyPrefix"/> shares.
/// <see cref="Apply"/> sets them on a client's options; clients of this process with the same key share one set of limiters.
/// </summary>
/// <remarks>The API key is never written to Redis: the keys are named by a SHA-256 hash of it.</remarks>
public sealed class MythicDotRedisRateLimits : IAsyncDisposable
{
    private readonly Func<IConnectionMultiplexer> _redis;
    private readonly MythicDotRedisLimitOptions _options;
    private readonly RedisFailures _failures;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Lazy<AccountLimits>> _accounts = new(StringComparer.Ordinal);

    /// <summary>Creates the shared limits on a connected (or connecting) multiplexer.</summary>
    /// <param name="redis">The Redis connection; connect it with <c>AbortOnConnectFail = false</c> so that a Redis outage is a failure
    /// of single operations (which <see cref="MythicDotRedisLimitOptions.FailureMode"/> handles), not of start-up.</param>
    /// <param name="options">The limits; they are copied and checked.</param>
    /// <param name="logger">Where the fail-open warning goes; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock callers wait on; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range; the message names it.</exception>
    public MythicDotRedisRateLimits(IConnectionMultiplexer redis, MythicDotRedisLimitOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(NotNull(redis), options, logger, timeProvider)
    {
    }

    private MythicDotRedisRateLimits(Func<IConnectionMultiplexer> redis, MythicDotRedisLimitOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _redis = redis;
        _options = options.Clone();
        _clock = timeProvider ?? TimeProvider.System;
        _failures = new RedisFailures(_options, logger ?? NullLogger.Instance, _clock);
    }

    /// <summary>Creates the shared limits on a Redis connection string; the connection is made on first use, once, with
    /// <c>AbortOnConnectFail = false</c> and commands that fail fast while Redis is unreachable.</summary>
    /// <param name="connectionString">A StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="options">The limits; they are copied and checked.</param>
    /// <param name="logger">Where the fail-open warning goes; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock callers wait on; <see langword="null"/> for the system clock.</param>
    /// <returns>The shared limits.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty, or a setting is out of range.</exception>
    public static MythicDotRedisRateLimits Connect(string connectionString, MythicDotRedisLimitOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        var connection = LazyConnection(connectionString, options);
        return new MythicDotRedisRateLimits(() => connection.Value, options, logger, timeProvider);
    }

    /// <summary>Gets the settings in use (a copy of those given).</summary>
    public MythicDotRedisLimitOptions Options => _options.Clone();

    /// <summary>Sets <see cref="MythicDotClientOptions.RequestLimiter"/>, <see cref="MythicDotClientOptions.TokenLimiter"/> (when the
    /// limits are set) and <see cref="MythicDotClientOptions.Cooldown"/> for the options' API key (or the <c>MYTHICDOT_API_KEY</c>
    /// environment variable when <see cref="MythicDotClientOptions.ApiKey"/> is <see langword="null"/>).</summary>
    /// <param name="clientOptions">The client's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clientOptions"/> is <see langword="null"/>.</exception>
    public void Apply(MythicDotClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        var apiKey = clientOptions.ApiKey ?? Environment.GetEnvironmentVariable("MYTHICDOT_API_KEY") ?? string.Empty;
        var account = GetAccount(apiKey);
        if (account.Requests is { } requests)
        {
            clientOptions.RequestLimiter = requests;
        }

        if (account.Tokens is { } tokens)
        {
            clientOptions.TokenLimiter = tokens;
        }

        clientOptions.Cooldown = account.Cooldown;
    }

    /// <summary>Gets the Redis key prefix used for an API key: the <see cref="MythicDotRedisLimitOptions.KeyPrefix"/> and the first
    /// 32 hex digits of the key's SHA-256 hash, for example <c>mythicdot:0123…</c>.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <returns>The prefix, without a trailing colon.</returns>
    public string GetKeyPrefix(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return $"{_options.KeyPrefix}:{Convert.ToHexString(hash, 0, 16).ToLowerInvariant()}";
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var account in _accounts.Values)
        {
            if (account.IsValueCreated)
            {
                if (account.Value.Requests is { } requests)
                {
                    await requests.DisposeAsync().ConfigureAwait(false);
                }

                if (account.Value.Tokens is { } tokens)
                {
                    await tokens.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        _accounts.Clear();
    }

    internal static Lazy<IConnectionMultiplexer> LazyConnection(string connectionString, MythicDotRedisLimitOptions options)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The Redis connection string is empty: give one such as \"localhost:6379\".", nameof(connectionString));
        }

        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var timeout = (int)Math.Clamp(options.OperationTimeout.TotalMilliseconds, 1, int.MaxValue);
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, timeout);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, timeout);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, timeout);
        return new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static Func<IConnectionMultiplexer> NotNull(IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return () => redis;
    }

    private AccountLimits GetAccount(string apiKey)
    {
        var prefix = GetKeyPrefix(apiKey);
        return _accounts.GetOrAdd(prefix, p => new Lazy<AccountLimits>(() => CreateAccount(p), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private AccountLimits CreateAccount(string prefix)
    {
        var o = _options;
        var defaultPoll = o.RequestsPerMinute is { } rpm
            ? TimeSpan.FromTicks(Math.Clamp(o.Window.Ticks / rpm, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(250).Ticks))
            : TimeSpan.FromMilliseconds(100);
        var poll = o.PollInterval ?? defaultPoll;
        var redis = new Lazy<IConnectionMultiplexer>(_redis);

        QueuingRedisLimiter? requests = null;
        if (o.RequestsPerMinute is { } requestLimit)
        {
            // RedisRateLimiting writes rl:sw:{<prefix>:requests} (a sorted set of request ids scored by time) and ...:stats.
            var inner = new RedisSlidingWindowRateLimiter<string>($"{prefix}:requests", new RedisSlidingWindowRateLimiterOptions
            {
                PermitLimit = requestLimit,
                Window = o.Window,
                ConnectionMultiplexerFactory = () => redis.Value,
            });
            requests = new QueuingRedisLimiter(inner, "MythicDot.Redis request budget (RequestsPerMinute)", requestLimit, poll, o.QueueLimit, _failures, _clock);
        }

        QueuingRedisLimiter? tokens = null;
        if (o.TokensPerMinute is { } tokenLimit)
        {
            // rl:tb:{<prefix>:tokens} (tokens left) and ...:ts (last refill, unix ms), both with a TTL of the time to refill.
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, o.Window.Ticks / o.TokenRefillsPerWindow));
            var inner = new RedisTokenBucketRateLimiter<string>($"{prefix}:tokens", new RedisTokenBucketRateLimiterOptions
            {
                TokenLimit = tokenLimit,
                TokensPerPeriod = Math.Max(1, tokenLimit / o.TokenRefillsPerWindow),
                ReplenishmentPeriod = period,
                ConnectionMultiplexerFactory = () => redis.Value,
            });
            tokens = new QueuingRedisLimiter(inner, "MythicDot.Redis token budget (TokensPerMinute)", tokenLimit, period, o.QueueLimit, _failures, _clock);
        }

        return new AccountLimits(requests, tokens, new RedisCooldown(redis, $"{prefix}:cooldown", _failures));
    }

    private sealed record AccountLimits(RateLimiter? Requests, RateLimiter? Tokens, RateLimitCooldown Cooldown);
}
