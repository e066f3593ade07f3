using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MythicDot.Redis;

/// <summary>Registers the Redis-shared rate limits for every MythicDot client in a service collection.</summary>
public static class MythicDotRedisServiceCollectionExtensions
{
    /// <summary>Makes every MythicDot client of the container (each client name) take its requests, tokens and 429 cooldown from
    /// Redis: <c>services.AddMythicDotRedisRateLimits(multiplexer, o =&gt; o.RequestsPerMinute = 500);</c></summary>
    /// <param name="services">The services.</param>
    /// <param name="redis">The Redis connection (connect it with <c>AbortOnConnectFail = false</c>).</param>
    /// <param name="configure">Sets the limits.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddMythicDotRedisRateLimits(this IServiceCollection services, IConnectionMultiplexer redis, Action<MythicDotRedisLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return Add(services, configure, (options, logger) => new MythicDotRedisRateLimits(redis, options, logger));
    }

    /// <summary>Makes every MythicDot client of the container take its limits from the Redis at <paramref name="connectionString"/>,
    /// connected on first use, once.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Sets the limits.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddMythicDotRedisRateLimits(this IServiceCollection services, string connectionString, Action<MythicDotRedisLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return Add(services, configure, (options, logger) => MythicDotRedisRateLimits.Connect(connectionString, options, logger));
    }

    private static IServiceCollection Add(IServiceCollection services, Action<MythicDotRedisLimitOptions> configure, Func<MythicDotRedisLimitOptions, ILogger, MythicDotRedisRateLimits> create)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions();
        services.TryAddSingleton(provider =>
        {
            var options = new MythicDotRedisLimitOptions();
            configure(options);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("MythicDot.Redis")
                ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
            return create(options, logger);
        });
        services.AddSingleton<IPostConfigureOptions<MythicDotClientOptions>, ApplyRedisLimits>();
        return services;
    }

    private sealed class ApplyRedisLimits(MythicDotRedisRateLimits limits) : IPostConfigureOptions<MythicDotClientOptions>
    {
        public void PostConfigure(string? name, MythicDotClientOptions options) => limits.Apply(options);
    }
}
