using System.Globalization;
using System.Net.Http.Headers;

namespace MythicDot.Resilience;

/// <summary>Reads the wait a server asks for: <c>retry-after-ms</c>, then <c>Retry-After</c>, then the body's <c>retry_after</c>.</summary>
/// <remarks>Zero, negative, non-finite and unparseable values count as no value, so backoff applies.</remarks>
internal static class RetryAfterReader
{
    // Larger waits are refused by MaxRetryAfter anyway; the cap only keeps TimeSpan arithmetic in range.
    private static readonly double MaxSeconds = TimeSpan.FromDays(365).TotalSeconds;

    public static TimeSpan? Read(HttpResponseHeaders? headers, double? bodySeconds, TimeProvider timeProvider)
    {
        if (headers is not null)
        {
            if (headers.TryGetValues(Internal.MythicDotDefaults.RetryAfterMsHeader, out var msValues)
                && FromMilliseconds(First(msValues)) is { } fromMs)
            {
                return fromMs;
            }

            if (headers.TryGetValues(Internal.MythicDotDefaults.RetryAfterHeader, out var values)
                && FromRetryAfter(First(values), timeProvider) is { } fromHeader)
            {
                return fromHeader;
            }
        }

        return bodySeconds is { } seconds ? FromSeconds(seconds) : null;
    }

    /// <summary>Parses a <c>retry-after-ms</c> value (milliseconds, fractions allowed).</summary>
    public static TimeSpan? FromMilliseconds(string? value) =>
        TryParseNumber(value, out var ms) ? FromSeconds(ms / 1000) : null;

    /// <summary>Parses a <c>Retry-After</c> value: delta-seconds, or an HTTP-date measured against <paramref name="timeProvider"/>.</summary>
    public static TimeSpan? FromRetryAfter(string? value, TimeProvider timeProvider)
    {
        if (TryParseNumber(value, out var seconds))
        {
            return FromSeconds(seconds);
        }

        if (value is not null
            && DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return FromSeconds((date - timeProvider.GetUtcNow()).TotalSeconds);
        }

        return null;
    }

    public static TimeSpan? FromSeconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds <= 0)
        {
            return null;
        }

        // Kept exact, as the server said it; the retry pipeline rounds the sleep up to whole milliseconds.
        return TimeSpan.FromTicks((long)Math.Ceiling(Math.Min(seconds, MaxSeconds) * TimeSpan.TicksPerSecond));
    }

    private static bool TryParseNumber(string? value, out double number)
    {
        number = 0;
        return value is not null
            && double.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    private static string? First(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
