namespace MythicDot.Redis;

/// <summary>What a call does when Redis cannot be reached or answers with an error.</summary>
public enum RedisFailureMode
{
    /// <summary>The call goes ahead without the shared limits; a warning is logged (at most once per
    /// <see cref="MythicDotRedisLimitOptions.FailureLogInterval"/>). The default.</summary>
    FailOpen = 0,

    /// <summary>The call fails with <see cref="RateLimiterRejectedError"/> whose <see cref="Exception.InnerException"/> is the Redis
    /// exception, and nothing is sent.</summary>
    FailClosed = 1,
}
