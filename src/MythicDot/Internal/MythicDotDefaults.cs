namespace MythicDot.Internal;

/// <summary>The SDK's defaults in one place, so that docs, options and tests agree.</summary>
internal static class MythicDotDefaults
{
    public const string ApiKeyEnvironmentVariable = "MYTHICDOT_API_KEY";
    public const string AdminKeyEnvironmentVariable = "MYTHICDOT_ADMIN_KEY";
    public const string AdminKeyPrefix = "mythic-admin-";
    public const string BaseUrlEnvironmentVariable = "MYTHICDOT_BASE_URL";
    public const string BaseUrlString = "https://api.mythicdot.ai/v1/";
    public const int MaxRetries = 2;
    public const int MaxErrorBodyBytes = 64 * 1024;
    public const long MaxResponseBytes = 256L * 1024 * 1024;
    public const long MinResponseBytes = 1024;
    public const long MaxResponseBytesLimit = 0x7FFFFFC7; // Array.MaxLength
    public const int MaxApplicationIdLength = 64;
    public const int ErrorMessageBodyPreviewChars = 200;
    public const string VersionHeader = "mythicdot-version";
    public const string BetaHeader = "mythicdot-beta";
    public const string RequestIdHeader = "x-request-id";

    /// <summary>The header saying how many requests remain in the current window.</summary>
    public const string RemainingRequestsHeader = "x-ratelimit-remaining-requests";

    /// <summary>The header saying when the request window resets.</summary>
    public const string ResetRequestsHeader = "x-ratelimit-reset-requests";
    public const string ShouldRetryHeader = "x-should-retry";
    public const string RetryAfterMsHeader = "retry-after-ms";
    public const string RetryAfterHeader = "Retry-After";

    public static readonly Uri BaseUrl = new(BaseUrlString);
    public static readonly TimeSpan InitialRetryDelay = TimeSpan.FromSeconds(0.5);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    public static readonly string UserAgent = "MythicDot-dotnet/" + typeof(MythicDotDefaults).Assembly.GetName().Version?.ToString(3);
}
