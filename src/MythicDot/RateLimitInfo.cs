using System.Globalization;
using MythicDot.Resilience;

namespace MythicDot;

/// <summary>The rate-limit state a response reports in its <c>x-ratelimit-*</c> headers. Each value is <see langword="null"/> when absent or unreadable.</summary>
public sealed class RateLimitInfo
{
    /// <summary>Gets or sets the requests allowed in the current window (<c>x-ratelimit-limit-requests</c>).</summary>
    public long? LimitRequests { get; init; }

    /// <summary>Gets or sets the tokens allowed in the current window (<c>x-ratelimit-limit-tokens</c>).</summary>
    public long? LimitTokens { get; init; }

    /// <summary>Gets or sets the requests left in the current window (<c>x-ratelimit-remaining-requests</c>).</summary>
    public long? RemainingRequests { get; init; }

    /// <summary>Gets or sets the tokens left in the current window (<c>x-ratelimit-remaining-tokens</c>).</summary>
    public long? RemainingTokens { get; init; }

    /// <summary>Gets or sets the time until the request limit resets (<c>x-ratelimit-reset-requests</c>: seconds such as <c>0.5</c>, or a duration such as <c>6m0s</c>).</summary>
    public TimeSpan? ResetRequests { get; init; }

    /// <summary>Gets or sets the time until the token limit resets (<c>x-ratelimit-reset-tokens</c>).</summary>
    public TimeSpan? ResetTokens { get; init; }

    internal static RateLimitInfo FromHeaders(Func<string, string?> header) => new()
    {
        LimitRequests = ReadCount(header("x-ratelimit-limit-requests")),
        LimitTokens = ReadCount(header("x-ratelimit-limit-tokens")),
        RemainingRequests = ReadCount(header("x-ratelimit-remaining-requests")),
        RemainingTokens = ReadCount(header("x-ratelimit-remaining-tokens")),
        ResetRequests = DurationParser.Parse(header("x-ratelimit-reset-requests")),
        ResetTokens = DurationParser.Parse(header("x-ratelimit-reset-tokens")),
    };

    private static long? ReadCount(string? value) =>
        long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
}
