using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MythicDot.Resilience;
using Polly;

namespace MythicDot.Internal;

/// <summary>
/// What a client needs that does not depend on the <see cref="HttpClient"/> it sends with: the resolved options, the retry
/// pipelines, the URI cache, the concurrency limiter and the logger. Built once per client, or once per name under dependency
/// injection, where each resolve only adds a fresh <see cref="HttpClient"/> from the factory.
/// </summary>
internal sealed class ClientState
{
    // Enough for every typed path plus the raw and per-id paths a process commonly repeats.
    private const int MaxCachedUris = 64;

    // Built when first needed, not with the client: a client that never retries never builds a pipeline, and the caches
    // are made by the first call (a Polly pipeline is about 7 KB; each dictionary about 0.5 KB).
    private ResiliencePipeline? _defaultPipeline;
    private PipelineEntry[] _pipelines = []; // per-call retry counts: few, and rare; copied on write

    private ConcurrentDictionary<string, Uri>? _uris;
    private Action<ResilienceContext, int, TimeSpan, Exception?>? _onRetry;
    private int _cachedUris; // ConcurrentDictionary.Count takes every lock; this is read on each miss
    private int _pipelinesBuilt;
    private RateLimitCooldown? _cooldown;

    private ClientState(MythicDotClientOptions source, MythicDotClientOptions resolved, ClientMetrics metrics)
    {
        Metrics = metrics;
        Source = source;
        Options = resolved;
        BaseUrl = WithTrailingSlash(resolved.BaseUrl!);
        Authorization = "Bearer " + resolved.ApiKey;
        UserAgent = resolved.ApplicationId is { } application ? MythicDotDefaults.UserAgent + " " + application : MythicDotDefaults.UserAgent;
        Logger = resolved.LoggerFactory?.CreateLogger("MythicDot") ?? NullLogger.Instance;
        // MaxConcurrentRequests is this state's own cap (one per client, one per name under DI); sharing is the caller's choice, through RequestLimiter.
        Limiter = resolved.RequestLimiter ?? (resolved.MaxConcurrentRequests is { } cap
            ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = cap,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : null);

        // The caller's cooldown, else one shared by the clients that share a RequestLimiter; a client's own one is made on its first rate limit.
        _cooldown = resolved.Cooldown ?? (resolved.RequestLimiter is { } shared ? RateLimitCooldown.For(shared, resolved.TimeProvider) : null);
        TokenLimiter = resolved.TokenLimiter;
        TokenEstimator = resolved.TokenEstimator ?? TokenEstimator.Default;
        CircuitBreaker = resolved.CircuitBreaker is { } breaker ? CircuitBreakerPipeline.Build(breaker, resolved.TimeProvider, Logger) : null;
    }

    /// <summary>Gets the limiter each generation or embedding attempt takes its estimated tokens from; <see langword="null"/> for none.</summary>
    public RateLimiter? TokenLimiter { get; }

    /// <summary>Gets the estimator of the tokens taken from <see cref="TokenLimiter"/>.</summary>
    public TokenEstimator TokenEstimator { get; }

    /// <summary>Gets the circuit breaker every attempt passes through; <see langword="null"/> when the options set none.</summary>
    public ResiliencePipeline? CircuitBreaker { get; }

    /// <summary>Gets the cooldown requests wait out before they are sent, once there is one (see <see cref="RateLimitCooldown"/>).</summary>
    public RateLimitCooldown? CooldownIfAny => Volatile.Read(ref _cooldown);

    /// <summary>Gets the cooldown, made on first need.</summary>
    public RateLimitCooldown Cooldown => LazyInitializer.EnsureInitialized(ref _cooldown, () => new InProcessCooldown(Options.TimeProvider));

    /// <summary>Gets the caller's options instance the state was built from.</summary>
    public MythicDotClientOptions Source { get; }

    /// <summary>Gets the options resolved from the environment and validated: a copy, so that later changes to <see cref="Source"/> do not reach it.</summary>
    public MythicDotClientOptions Options { get; }

    public Uri BaseUrl { get; }

    public string Authorization { get; }

    /// <summary>Gets the SDK's <c>User-Agent</c>, with <see cref="MythicDotClientOptions.ApplicationId"/> appended when there is one.</summary>
    public string UserAgent { get; }

    public ILogger Logger { get; }

    /// <summary>Gets the meter's instruments: from the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> under dependency injection, else the process-wide ones.</summary>
    public ClientMetrics Metrics { get; }

    /// <summary>Gets the pipeline for the options' retry count, built on the first retry.</summary>
    public ResiliencePipeline DefaultPipeline => LazyInitializer.EnsureInitialized(ref _defaultPipeline, () => Build(Options.MaxRetries));

    /// <summary>Gets how many retry pipelines this state has built (for tests).</summary>
    internal int PipelinesBuilt => Volatile.Read(ref _pipelinesBuilt);

    /// <summary>Gets the limiter each attempt takes a permit from: the caller's <see cref="MythicDotClientOptions.RequestLimiter"/>, or the
    /// client's own cap of <see cref="MythicDotClientOptions.MaxConcurrentRequests"/>; <see langword="null"/> for neither.</summary>
    public RateLimiter? Limiter { get; }

    /// <summary>Copies, resolves and validates the caller's options.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names every invalid option.</exception>
    /// <param name="options">The caller's options; <see langword="null"/> for the defaults and the environment.</param>
    /// <param name="metrics">The meter's instruments; <see langword="null"/> for the process-wide ones.</param>
    /// <param name="admin">Whether the state is for the admin client: its key is an admin key, from <c>MYTHICDOT_ADMIN_KEY</c> when none is given;
    /// any other client refuses an admin key.</param>
    public static ClientState Create(MythicDotClientOptions? options, ClientMetrics? metrics = null, bool admin = false)
    {
        var resolved = (options ?? new MythicDotClientOptions()).Clone();
        resolved.ApplyEnvironmentDefaults(admin);
        var failures = resolved.Validate(admin);
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid MythicDotClientOptions: " + string.Join(" ", failures), nameof(options));
        }

        return new ClientState(options ?? resolved, resolved, metrics ?? ClientMetrics.Shared);
    }

    /// <summary>The pipeline for a call: the default one, or one per retry count a call asks for, built once.</summary>
    public ResiliencePipeline PipelineFor(RequestOptions? requestOptions)
    {
        if (requestOptions?.MaxRetries is not { } retries || retries == Options.MaxRetries)
        {
            return DefaultPipeline;
        }

        while (true)
        {
            var pipelines = Volatile.Read(ref _pipelines);
            foreach (var entry in pipelines)
            {
                if (entry.Retries == retries)
                {
                    return entry.Pipeline;
                }
            }

            var added = new PipelineEntry[pipelines.Length + 1];
            pipelines.CopyTo(added, 0);
            added[^1] = new PipelineEntry(retries, Build(retries));
            if (ReferenceEquals(Interlocked.CompareExchange(ref _pipelines, added, pipelines), pipelines))
            {
                return added[^1].Pipeline;
            }
        }
    }

    /// <summary>The absolute URL of a path: combined once and reused, since a <see cref="Uri"/> is immutable and combining costs more than the rest of building a request.</summary>
    /// <exception cref="ArgumentException">The path resolves outside <see cref="BaseUrl"/> (see <see cref="RequestPath"/>); only valid paths are cached.</exception>
    public Uri UriFor(string relativePath, string parameterName)
    {
        var uris = LazyInitializer.EnsureInitialized(ref _uris, static () => new(StringComparer.Ordinal));
        if (uris.TryGetValue(relativePath, out var uri))
        {
            return uri;
        }

        uri = RequestPath.Resolve(BaseUrl, relativePath, parameterName);

        // Bounded, so that a process calling many per-id paths (models/{id}) does not grow it for ever.
        if (Volatile.Read(ref _cachedUris) < MaxCachedUris && uris.TryAdd(relativePath, uri))
        {
            Interlocked.Increment(ref _cachedUris);
        }

        return uri;
    }

    private ResiliencePipeline Build(int retries)
    {
        Interlocked.Increment(ref _pipelinesBuilt);
        return RetryPipelineFactory.Create(Options, retries, LazyInitializer.EnsureInitialized(ref _onRetry, () => OnRetry));
    }

    private sealed record PipelineEntry(int Retries, ResiliencePipeline Pipeline);

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private void OnRetry(ResilienceContext context, int retry, TimeSpan delay, Exception? exception)
    {
        if (context.Properties.TryGetValue(RetryStage.CallKey, out var call))
        {
            CallTelemetry.RetryScheduled(call, retry, delay, exception, Logger);
        }
    }
}
