namespace MythicDot.Testing.Internal;

/// <summary>The emulator's fixed values in one place.</summary>
internal static class EmulatorDefaults
{
    public const string ApiBasePath = "/v1";
    public const string RequestIdHeader = "x-request-id";
    public const string ShouldRetryHeader = "x-should-retry";
    public const string LimitRequestsHeader = "x-ratelimit-limit-requests";
    public const string LimitTokensHeader = "x-ratelimit-limit-tokens";
    public const string RemainingRequestsHeader = "x-ratelimit-remaining-requests";
    public const string RemainingTokensHeader = "x-ratelimit-remaining-tokens";
    public const string ResetRequestsHeader = "x-ratelimit-reset-requests";
    public const string ResetTokensHeader = "x-ratelimit-reset-tokens";

    /// <summary>The top tier's requests per minute, which the headers report when no limit is enforced.</summary>
    public const int RequestsPerMinute = 10_000;

    /// <summary>The top tier's tokens per minute, which the headers report when no token limit is enforced; the remaining count
    /// goes down by the tokens served in the window.</summary>
    public const int TokensPerMinute = 2_000_000;

    /// <summary>The length of an embedding vector unless the request's <c>dimensions</c> asks for fewer.</summary>
    public const int EmbeddingDimensions = 1536;

    /// <summary>The most inputs one embeddings request may carry.</summary>
    public const int MaxEmbeddingInputs = 2048;

    /// <summary>The most characters an image prompt may have.</summary>
    public const int MaxImagePromptLength = 1000;

    /// <summary>The default of <see cref="MythicDotEmulatorOptions.RateLimitWindow"/>.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);

    /// <summary>The longest <see cref="MythicDotEmulatorOptions.RateLimitWindow"/> allowed.</summary>
    public static readonly TimeSpan MaxRateLimitWindow = TimeSpan.FromDays(1);

    /// <summary>How long disposing waits for in-flight requests before dropping their connections, on the real clock.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
}
