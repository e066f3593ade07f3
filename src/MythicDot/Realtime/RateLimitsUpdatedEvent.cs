namespace MythicDot.Realtime;

/// <summary><c>rate_limits.updated</c>: the rate limits, as they stand after a response.</summary>
public sealed class RateLimitsUpdatedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="RateLimitsUpdatedEvent"/> class.</summary>
    public RateLimitsUpdatedEvent()
    {
        Type = RealtimeServerEventType.RateLimitsUpdated;
    }

    /// <summary>Gets the limits.</summary>
    public IReadOnlyList<RealtimeRateLimit>? RateLimits { get; init; }
}
