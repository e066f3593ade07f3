using System.Globalization;
using System.Text;

namespace MythicDot.Testing.Internal;

/// <summary>Counts requests and tokens in fixed one-minute windows on the emulator's clock. Thread-safe.</summary>
/// <remarks>A window opens with the first request after the previous window closed, so that with a fake clock every
/// reset and <c>Retry-After</c> is an exact number of seconds from that request. With no enforced limit, the remaining
/// requests reported stop at 1.</remarks>
internal sealed class RateLimitWindow(TimeProvider clock, int? enforcedRequestsPerMinute)
{
    private static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private DateTimeOffset _end = DateTimeOffset.MinValue;
    private long _requests;
    private long _tokens;

    /// <summary>Gets the requests per minute the headers report: the enforced limit, or the top tier's when none is.</summary>
    public int RequestsLimit { get; } = enforcedRequestsPerMinute ?? EmulatorDefaults.RequestsPerMinute;

    /// <summary>Counts one request in the current window.</summary>
    /// <returns>The state after counting it; <see cref="Snapshot.Exceeded"/> when an enforced limit is now passed.</returns>
    public Snapshot CountRequest()
    {
        lock (_gate)
        {
            var now = Roll();
            _requests++;
            return new Snapshot(
                RequestsLimit,
                // Without an enforced limit the emulator never tells a client that nothing remains: a client that obeys the
                // header (as the SDK's cooldown does) would wait for a limit that is not there.
                enforcedRequestsPerMinute is null ? Math.Max(1, RequestsLimit - _requests) : Math.Max(0, RequestsLimit - _requests),
                Math.Max(0, EmulatorDefaults.TokensPerMinute - _tokens),
                _end - now,
                enforcedRequestsPerMinute is { } limit && _requests > limit);
        }
    }

    /// <summary>Counts tokens served in the current window.</summary>
    public void AddTokens(int tokens)
    {
        lock (_gate)
        {
            Roll();
            _tokens += tokens;
        }
    }

    /// <summary>Formats a wait as Go does (<c>1m0s</c>, <c>45s</c>, <c>59.5s</c>, <c>250ms</c>), one of the documented forms of the reset headers.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms");
        }

        var text = new StringBuilder();
        if (duration.Hours > 0 || duration.Days > 0)
        {
            text.Append(((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (text.Length > 0 || duration.Minutes > 0)
        {
            text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        return text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s').ToString();
    }

    /// <summary>Opens a new window when the current one has closed; returns the time now.</summary>
    private DateTimeOffset Roll()
    {
        var now = clock.GetUtcNow();
        if (now >= _end)
        {
            _end = now + Length;
            _requests = 0;
            _tokens = 0;
        }

        return now;
    }

    /// <summary>The window's state as one response reports it.</summary>
    /// <param name="RequestsLimit">The requests allowed per window.</param>
    /// <param name="RemainingRequests">The requests left, this one counted.</param>
    /// <param name="RemainingTokens">The tokens left.</param>
    /// <param name="ResetIn">The time until the window closes.</param>
    /// <param name="Exceeded">Whether this request passed an enforced limit.</param>
    internal readonly record struct Snapshot(int RequestsLimit, long RemainingRequests, long RemainingTokens, TimeSpan ResetIn, bool Exceeded);
}
