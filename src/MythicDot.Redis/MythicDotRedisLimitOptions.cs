namespace MythicDot.Redis;

/// <summary>The limits one MythicDot account has, shared on Redis by every process that uses the same API key.</summary>
public sealed class MythicDotRedisLimitOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "mythicdot";

    /// <summary>Gets or sets the account's request limit per <see cref="Window"/> (a sliding window on Redis).</summary>
    /// <value>The default is <see langword="null"/>: no request budget (the shared cooldown still applies).</value>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the account's token limit per <see cref="Window"/> (a token bucket on Redis that refills
    /// <see cref="TokenRefillsPerWindow"/> times a window).</summary>
    /// <value>The default is <see langword="null"/>: no token budget.</value>
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the window the limits count over.</summary>
    /// <value>The default is one minute, the API's window; tests may use a shorter one.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many times a window the token bucket refills (by <see cref="TokensPerMinute"/> / this each time).</summary>
    /// <value>The default is 60 (every second of a one-minute window).</value>
    public int TokenRefillsPerWindow { get; set; } = 60;

    /// <summary>Gets or sets the prefix of every Redis key written.</summary>
    /// <value>The default is <c>mythicdot</c>.</value>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>Gets or sets what a call does when Redis fails.</summary>
    /// <value>The default is <see cref="RedisFailureMode.FailOpen"/>.</value>
    public RedisFailureMode FailureMode { get; set; } = RedisFailureMode.FailOpen;

    /// <summary>Gets or sets the longest a single Redis operation may take before it counts as a failure.</summary>
    /// <value>The default is 2 seconds.</value>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often, at most, the fail-open warning is logged.</summary>
    /// <value>The default is 1 minute.</value>
    public TimeSpan FailureLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a caller waits before asking Redis again when the budget is spent and Redis gives no wait.</summary>
    /// <value>The default is <see langword="null"/>: the window divided by the request limit, between 10 ms and 250 ms.</value>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Gets or sets how many calls of this process may wait for a budget at once; one more is refused at once
    /// (<see cref="RateLimiterRejectedError"/>).</summary>
    /// <value>The default is 10,000.</value>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        var failures = new List<string>();
        if (RequestsPerMinute is <= 0)
        {
            failures.Add($"RequestsPerMinute must be greater than 0 (or null for no request budget); it is {RequestsPerMinute}.");
        }

        if (TokensPerMinute is <= 0)
        {
            failures.Add($"TokensPerMinute must be greater than 0 (or null for no token budget); it is {TokensPerMinute}.");
        }

        if (Window <= TimeSpan.Zero)
        {
            failures.Add($"Window must be greater than zero; it is {Window}.");
        }
        else if (Window.TotalMilliseconds < 1)
        {
            failures.Add($"Window must be at least 1 ms; it is {Window}.");
        }

        if (TokenRefillsPerWindow <= 0)
        {
            failures.Add($"TokenRefillsPerWindow must be greater than 0; it is {TokenRefillsPerWindow}.");
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            failures.Add("KeyPrefix must not be empty; the default is \"mythicdot\".");
        }

        if (!Enum.IsDefined(FailureMode))
        {
            failures.Add($"FailureMode must be FailOpen or FailClosed; it is {(int)FailureMode}.");
        }

        if (OperationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"OperationTimeout must be greater than zero; it is {OperationTimeout}.");
        }

        if (FailureLogInterval < TimeSpan.Zero)
        {
            failures.Add($"FailureLogInterval must not be negative; it is {FailureLogInterval}.");
        }

        if (PollInterval is { } poll && poll <= TimeSpan.Zero)
        {
            failures.Add($"PollInterval must be greater than zero (or null for the default); it is {poll}.");
        }

        if (QueueLimit < 0)
        {
            failures.Add($"QueueLimit must not be negative; it is {QueueLimit}.");
        }

        if (failures.Count > 0)
        {
            throw new ArgumentException("MythicDotRedisLimitOptions: " + string.Join(" ", failures));
        }
    }

    internal MythicDotRedisLimitOptions Clone() => (MythicDotRedisLimitOptions)MemberwiseClone();
}
