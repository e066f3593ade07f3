namespace MythicDot.Realtime;

/// <summary>One rate limit as <see cref="RateLimitsUpdatedEvent"/> reports it.</summary>
public sealed class RealtimeRateLimit : ApiObject
{
    /// <summary>Gets what is limited: <c>requests</c> or <c>tokens</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the limit.</summary>
    public int Limit { get; init; }

    /// <summary>Gets what is left of it.</summary>
    public int Remaining { get; init; }

    /// <summary>Gets the seconds until it resets.</summary>
    public double ResetSeconds { get; init; }
}
