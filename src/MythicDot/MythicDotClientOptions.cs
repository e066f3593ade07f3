using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using MythicDot.Internal;

namespace MythicDot;

/// <summary>Settings for a <see cref="MythicDotClient"/>. The client copies them when it is built; later changes do not affect it.</summary>
public sealed class MythicDotClientOptions
{
    /// <summary>Gets or sets the API key sent as <c>Authorization: Bearer</c>.</summary>
    /// <value>The default is <see langword="null"/>: the client reads the <c>MYTHICDOT_API_KEY</c> environment variable.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the absolute base URL every API path is resolved against.</summary>
    /// <value>The default is <see langword="null"/>: the client reads <c>MYTHICDOT_BASE_URL</c>, else uses <c>https://api.mythicdot.ai/v1/</c>.</value>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets how many times a transient failure is retried after the first attempt.</summary>
    /// <value>The default is 2 (three attempts in all). 0 turns retries off.</value>
    public int MaxRetries { get; set; } = MythicDotDefaults.MaxRetries;

    /// <summary>Gets or sets the nominal wait before the first retry; it doubles for each later retry.</summary>
    /// <value>The default is 0.5 seconds. The wait actually slept is jittered to 75-100% of the nominal.</value>
    public TimeSpan InitialRetryDelay { get; set; } = MythicDotDefaults.InitialRetryDelay;

    /// <summary>Gets or sets the cap on the nominal backoff between retries.</summary>
    /// <value>The default is 8 seconds. It does not cap a wait the server asks for.</value>
    public TimeSpan MaxRetryDelay { get; set; } = MythicDotDefaults.MaxRetryDelay;

    /// <summary>Gets or sets the longest server-requested wait (<c>Retry-After</c>) the client will sleep before retrying.</summary>
    /// <value>The default is 60 seconds. A longer request is not slept: the error is thrown at once with <see cref="ApiError.RetryAfter"/> set.</value>
    public TimeSpan MaxRetryAfter { get; set; } = MythicDotDefaults.MaxRetryAfter;

    /// <summary>Gets or sets the time limit of each attempt, response headers and body included.</summary>
    /// <value>The default is 10 minutes. <see cref="Timeout.InfiniteTimeSpan"/> turns it off. When it elapses, the attempt fails with <see cref="ApiTimeoutError"/> (and is retried).</value>
    public TimeSpan Timeout { get; set; } = MythicDotDefaults.Timeout;

    /// <summary>Gets or sets the clock used for timeouts, retry waits and HTTP-date <c>Retry-After</c> values.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the API version date sent as the <c>mythicdot-version</c> header, for example <c>2025-01-01</c>.</summary>
    /// <value>The default is <see langword="null"/>: no header, the API's default behaviour.</value>
    public string? ApiVersion { get; set; }

    /// <summary>Gets the headers sent with every request (for example <c>mythicdot-beta</c>). Names are case-insensitive.</summary>
    /// <value>Empty by default. Refused when the client is built, each with an <see cref="ArgumentException"/> naming it: <c>Authorization</c>
    /// (use <see cref="ApiKey"/>), <c>User-Agent</c> (use <see cref="ApplicationId"/>), <c>Accept</c>, <c>Host</c>, content headers
    /// (<c>Content-*</c>) and hop-by-hop headers (<c>Connection</c>, <c>Transfer-Encoding</c>, ...); <c>mythicdot-version</c> together with
    /// <see cref="ApiVersion"/> is a conflict.</value>
    public IDictionary<string, string> DefaultHeaders => _defaultHeaders;

    private Dictionary<string, string> _defaultHeaders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets a name for your application, appended to the SDK's <c>User-Agent</c> so that the API's logs and support can tell
    /// your calls apart (as Azure SDK's <c>ApplicationId</c>), for example <c>contoso-bot/2.1</c>.</summary>
    /// <value>The default is <see langword="null"/>: the SDK's own <c>User-Agent</c> only. At most 64 characters, with no white space
    /// or control characters. <c>User-Agent</c> itself cannot be set through <see cref="DefaultHeaders"/> or per-call headers.</value>
    public string? ApplicationId { get; set; }

    /// <summary>Gets or sets the most bytes the client reads of one successful response body (events of a stream included, counted
    /// together); a larger body fails the call with an <see cref="ApiError"/> naming this limit, never an <see cref="OutOfMemoryException"/>.</summary>
    /// <value>The default is 256 MiB (268,435,456 bytes): room for 2,048 embeddings of 3,072 floats written as JSON numbers.
    /// At least 1,024 and at most 2,147,483,591 (the largest array .NET allocates). Error bodies are read up to 64 KiB.</value>
    public long MaxResponseBytes { get; set; } = MythicDotDefaults.MaxResponseBytes;

    /// <summary>Gets or sets a value indicating whether the key may be sent over plain <c>http://</c> to a host other than loopback.</summary>
    /// <value>The default is <see langword="false"/>: such a base URL is refused, so that the key never crosses a network in clear text by accident.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the logger factory the client logs through when it is not built by dependency injection (which supplies the host's).</summary>
    /// <value>The default is <see langword="null"/>: no logging. Nothing logged ever contains the key.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets a value indicating whether request and response bodies are logged, at <see cref="LogLevel.Trace"/> only.</summary>
    /// <value>The default is <see langword="false"/>: bodies may hold personal data, so logging them is an explicit choice.</value>
    public bool LogBodies { get; set; }

    /// <summary>Gets or sets the most requests the client keeps in flight at once; further callers queue (in order, honouring cancellation)
    /// instead of drawing <c>concurrent_limit_exceeded</c> from the API.</summary>
    /// <value>The default is <see langword="null"/>: no cap. The cap is the client's own: each client built from these options has one
    /// (under dependency injection, each named client, however often it is resolved). To share a cap between clients, give them one
    /// <see cref="RequestLimiter"/>.</value>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Gets or sets a rate limiter every attempt takes one permit from before it is sent (retries included), released when the
    /// attempt ends. The same limiter object given to several clients shares the limit between them.</summary>
    /// <value>The default is <see langword="null"/>: no limiter. When set, <see cref="MaxConcurrentRequests"/> must be <see langword="null"/>.
    /// The client never disposes it. When the limiter refuses a permit (its queue is full), the call fails with an <see cref="ApiError"/>
    /// saying the request was not sent; that is not retried.</value>
    public RateLimiter? RequestLimiter { get; set; }

    /// <summary>Gets or sets a rate limiter for tokens: every attempt of a generation or embedding call (retries included) takes as many
    /// permits as <see cref="TokenEstimator"/> estimates for its request before it is sent. The same limiter object given to several
    /// clients shares the budget between them.</summary>
    /// <value>The default is <see langword="null"/>: no token limit. Use a replenishing limiter, such as a
    /// <see cref="TokenBucketRateLimiter"/> whose <c>TokenLimit</c> is the account's tokens per minute; a request whose estimate can
    /// never fit (more than the limiter ever grants) fails with a <see cref="RateLimiterRejectedError"/> before it is sent, as does one
    /// the limiter refuses because its queue is full. Calls that send no prompt (models, files, batches, raw calls) take no tokens.
    /// The client never disposes it.</value>
    public RateLimiter? TokenLimiter { get; set; }

    /// <summary>Gets or sets how the tokens a request takes from <see cref="TokenLimiter"/> are estimated.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="Resilience.TokenEstimator.Default"/>, the documentation's rule (about
    /// 4 characters per token, plus 4 per message and 2 for the reply), with <c>max_tokens</c> counted. Plug a tokenizer with
    /// <see cref="Resilience.TokenEstimator.FromCounter"/> for exact counts.</value>
    public Resilience.TokenEstimator? TokenEstimator { get; set; }

    /// <summary>Gets or sets the cooldown a rate limit starts, which every request that shares it waits out before it is sent.</summary>
    /// <value>The default is <see langword="null"/>: clients that share a <see cref="RequestLimiter"/> share its cooldown in this
    /// process, and a client without one has its own. Give a <see cref="Resilience.RateLimitCooldown"/> to share one between any clients
    /// (<see cref="Resilience.RateLimitCooldown.CreateInProcess"/>), or across a fleet (the <c>MythicDot.Redis</c> package).</value>
    public Resilience.RateLimitCooldown? Cooldown { get; set; }

    /// <summary>Gets or sets the circuit breaker: after a run of transient failures (5xx, timeouts, dropped connections; not rate limits,
    /// which the cooldown handles) the client fails fast, sending nothing, with a <see cref="CircuitOpenError"/> until the break is
    /// over; then one probe goes through, and its outcome closes or reopens the circuit.</summary>
    /// <value>The default is <see langword="null"/>: no circuit breaker. The circuit is the client's own (under dependency injection,
    /// each named client's). Every attempt counts, retries included.</value>
    public Resilience.CircuitBreakerOptions? CircuitBreaker { get; set; }

    /// <summary>Gets or sets the source of jitter in [0, 1); tests set a seeded one.</summary>
    internal Func<double>? JitterSource { get; set; }

    /// <summary>Returns a description of the options with the key redacted.</summary>
    /// <returns>The options as text, without the key.</returns>
    public override string ToString()
    {
        var key = string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***";
        return string.Create(CultureInfo.InvariantCulture,
            $"MythicDotClientOptions {{ ApiKey = {key}, BaseUrl = {BaseUrl?.ToString() ?? "(default)"}, MaxRetries = {MaxRetries}, InitialRetryDelay = {InitialRetryDelay}, MaxRetryDelay = {MaxRetryDelay}, MaxRetryAfter = {MaxRetryAfter}, Timeout = {Timeout}, ApiVersion = {ApiVersion ?? "(none)"}, MaxConcurrentRequests = {MaxConcurrentRequests?.ToString(CultureInfo.InvariantCulture) ?? "(no cap)"}, RequestLimiter = {(RequestLimiter is null ? "(none)" : RequestLimiter.GetType().Name)}, TokenLimiter = {(TokenLimiter is null ? "(none)" : TokenLimiter.GetType().Name)}, Cooldown = {(Cooldown is null ? "(default)" : Cooldown.GetType().Name)}, CircuitBreaker = {CircuitBreaker?.ToString() ?? "(none)"}, ApplicationId = {ApplicationId ?? "(none)"}, MaxResponseBytes = {MaxResponseBytes}, DefaultHeaders = [{string.Join(", ", DefaultHeaders.Keys)}] }}");
    }

    /// <summary>A copy whose later changes do not reach the original, nor the original's the copy.</summary>
    /// <remarks>Every field is copied (a new option cannot be forgotten here); the headers get their own dictionary.</remarks>
    internal MythicDotClientOptions Clone()
    {
        var copy = (MythicDotClientOptions)MemberwiseClone();
        copy._defaultHeaders = new Dictionary<string, string>(_defaultHeaders, StringComparer.OrdinalIgnoreCase);
        copy.CircuitBreaker = CircuitBreaker?.Clone();
        return copy;
    }

    /// <summary>Fills in the key and base URL from the environment where they are not set.</summary>
    /// <param name="admin">Whether the options are for <see cref="Admin.MythicDotAdminClient"/>, whose key comes from <c>MYTHICDOT_ADMIN_KEY</c>.</param>
    internal void ApplyEnvironmentDefaults(bool admin = false)
    {
        if (ApiKey is null)
        {
            ApiKey = Environment.GetEnvironmentVariable(admin ? MythicDotDefaults.AdminKeyEnvironmentVariable : MythicDotDefaults.ApiKeyEnvironmentVariable);
        }

        if (BaseUrl is null)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(MythicDotDefaults.BaseUrlEnvironmentVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
            {
                BaseUrl = MythicDotDefaults.BaseUrl;
            }
            else if (Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed))
            {
                BaseUrl = parsed;
            }
            else
            {
                throw new ArgumentException($"The {MythicDotDefaults.BaseUrlEnvironmentVariable} environment variable is not an absolute URL: '{fromEnvironment}'.");
            }
        }
    }

    /// <summary>Lists every rule the options break, each naming the option; empty when they are valid.</summary>
    /// <param name="admin">Whether the options are for <see cref="Admin.MythicDotAdminClient"/>: its key must be an admin key
    /// (<c>mythic-admin-</c>), and any other client's must not be, so that an admin key is never sent to a non-admin endpoint.</param>
    internal List<string> Validate(bool admin = false)
    {
        var failures = new List<string>();
        var variable = admin ? MythicDotDefaults.AdminKeyEnvironmentVariable : MythicDotDefaults.ApiKeyEnvironmentVariable;
        if (ApiKey is null)
        {
            failures.Add(admin
                ? $"No admin key: set the {variable} environment variable or MythicDotClientOptions.ApiKey to a key starting with '{MythicDotDefaults.AdminKeyPrefix}'."
                : $"No API key: set the {variable} environment variable or MythicDotClientOptions.ApiKey.");
        }
        else if (string.IsNullOrWhiteSpace(ApiKey))
        {
            failures.Add($"ApiKey is empty: give a key, or set the {variable} environment variable.");
        }
        else if (ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            failures.Add("ApiKey contains white space or control characters; check for a stray newline or space.");
        }
        else if (admin && !ApiKey.StartsWith(MythicDotDefaults.AdminKeyPrefix, StringComparison.Ordinal))
        {
            failures.Add($"ApiKey is not an admin key: MythicDotAdminClient takes only keys starting with '{MythicDotDefaults.AdminKeyPrefix}'; use MythicDotClient for other keys.");
        }
        else if (!admin && ApiKey.StartsWith(MythicDotDefaults.AdminKeyPrefix, StringComparison.Ordinal))
        {
            failures.Add($"ApiKey is an admin key ('{MythicDotDefaults.AdminKeyPrefix}...'): MythicDotClient refuses it so that an admin key is never sent to non-admin endpoints; use MythicDot.Admin.MythicDotAdminClient for the admin endpoints and a project key here.");
        }

        if (BaseUrl is not null)
        {
            if (!BaseUrl.IsAbsoluteUri)
            {
                failures.Add($"BaseUrl must be an absolute URL (was '{BaseUrl.OriginalString}').");
            }
            else if (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp)
            {
                failures.Add($"BaseUrl must use http or https (was '{BaseUrl.Scheme}').");
            }
            else if (BaseUrl.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp && !IsLoopback(BaseUrl))
            {
                failures.Add($"BaseUrl '{BaseUrl}' is plain http to a non-loopback host: the API key would travel unencrypted. Use https, or set AllowInsecureHttp = true to opt in.");
            }
            else if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
            {
                failures.Add($"BaseUrl must not have a query or fragment (was '{BaseUrl}').");
            }
        }

        if (MaxRetries < 0)
        {
            failures.Add($"MaxRetries must be 0 or more (was {MaxRetries}).");
        }

        if (InitialRetryDelay < TimeSpan.Zero)
        {
            failures.Add($"InitialRetryDelay must not be negative (was {InitialRetryDelay}).");
        }

        if (MaxRetryDelay < TimeSpan.Zero)
        {
            failures.Add($"MaxRetryDelay must not be negative (was {MaxRetryDelay}).");
        }
        else if (MaxRetryDelay < InitialRetryDelay)
        {
            failures.Add($"MaxRetryDelay ({MaxRetryDelay}) must not be less than InitialRetryDelay ({InitialRetryDelay}).");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"MaxRetryAfter must not be negative (was {MaxRetryAfter}).");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            failures.Add($"Timeout must be positive or Timeout.InfiniteTimeSpan (was {Timeout}).");
        }

        if (MaxConcurrentRequests is < 1)
        {
            failures.Add($"MaxConcurrentRequests must be at least 1, or null for no cap (was {MaxConcurrentRequests}).");
        }

        if (RequestLimiter is not null && MaxConcurrentRequests is not null)
        {
            failures.Add("RequestLimiter and MaxConcurrentRequests are both set: give one. MaxConcurrentRequests is a cap of the client's own; RequestLimiter is a limiter you may share between clients.");
        }

        if (TokenEstimator is not null && TokenLimiter is null)
        {
            failures.Add("TokenEstimator is set but TokenLimiter is not: the estimates are only used to take permits from a TokenLimiter.");
        }

        CircuitBreaker?.Validate(failures);

        if (TimeProvider is null)
        {
            failures.Add("TimeProvider must not be null.");
        }

        if (ApiVersion is not null && (string.IsNullOrWhiteSpace(ApiVersion) || !IsValidHeaderValue(ApiVersion)))
        {
            failures.Add($"ApiVersion must be a non-empty header value such as '2025-01-01' (was '{ApiVersion}').");
        }

        if (ApplicationId is not null && !IsValidApplicationId(ApplicationId))
        {
            failures.Add($"ApplicationId must be 1 to {MythicDotDefaults.MaxApplicationIdLength} characters with no white space or control characters, such as 'contoso-bot/2.1' (was '{ApplicationId}').");
        }

        if (MaxResponseBytes is < MythicDotDefaults.MinResponseBytes or > MythicDotDefaults.MaxResponseBytesLimit)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"MaxResponseBytes must be from {MythicDotDefaults.MinResponseBytes} to {MythicDotDefaults.MaxResponseBytesLimit} (was {MaxResponseBytes})."));
        }

        foreach (var pair in DefaultHeaders)
        {
            ValidateHeader(pair.Key, pair.Value, "DefaultHeaders", failures);
            if (ApiVersion is not null && string.Equals(pair.Key, MythicDotDefaults.VersionHeader, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"ApiVersion ('{ApiVersion}') and DefaultHeaders['{pair.Key}'] ('{pair.Value}') both set the {MythicDotDefaults.VersionHeader} header: set one of them.");
            }
        }

        return failures;
    }

    internal static void ValidateHeader(string name, string? value, string owner, List<string> failures)
    {
        if (!IsValidHeaderName(name))
        {
            failures.Add($"{owner} has an invalid header name '{name}'.");
        }
        else if (ReservedHeaderReason(name) is { } reason)
        {
            failures.Add($"{owner} may not set '{name}': {reason}");
        }
        else if (value is null || !IsValidHeaderValue(value))
        {
            failures.Add($"{owner} has an invalid value for header '{name}' (null, or contains a line break or control character).");
        }
    }

    /// <summary>Why a header cannot be set by a caller, or <see langword="null"/> when it can.</summary>
    internal static string? ReservedHeaderReason(string name)
    {
        if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return "the client sets Authorization from ApiKey.";
        }

        if (string.Equals(name, "User-Agent", StringComparison.OrdinalIgnoreCase))
        {
            return "the client sets User-Agent; set MythicDotClientOptions.ApplicationId to add your application's name to it.";
        }

        if (string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase))
        {
            return "the client sets Accept for each endpoint (JSON, or event streams).";
        }

        if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
        {
            return "Host comes from BaseUrl.";
        }

        foreach (var hopByHop in HopByHopHeaders)
        {
            if (string.Equals(name, hopByHop, StringComparison.OrdinalIgnoreCase))
            {
                return "it is a hop-by-hop header, which the HTTP handler manages.";
            }
        }

        if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Expires", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Last-Modified", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Allow", StringComparison.OrdinalIgnoreCase))
        {
            return "it is a content header, which the client sets from the request body.";
        }

        return null;
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    // RFC 9110 section 7.6.1, and the de facto ones; the handler manages them for each connection.
    private static readonly string[] HopByHopHeaders = ["Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade"];

    private static bool IsValidApplicationId(string id)
    {
        if (id.Length is 0 or > MythicDotDefaults.MaxApplicationIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c <= 0x20 || c >= 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidHeaderName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            // RFC 9110 token characters.
            if (c > 0x7E || c <= 0x20 || "\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidHeaderValue(string value)
    {
        foreach (var c in value)
        {
            if (c == '\r' || c == '\n' || c == '\0' || (char.IsControl(c) && c != '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
