using System.Globalization;
using System.Text;

namespace MythicDot.Testing.Internal;

/// <summary>Counts requests and tokens in fixed windows of <see cref="MythicDotEmulatorOptions.RateLimitWindow"/> on the
/// emulator's clock, and says when an enforced limit is reached. Thread-safe.</summary>
/// <remarks>A window opens with the first request after the previous window closed, so that with a fake clock every
/// reset and <c>Retry-After</c> is an exact number of seconds from that request. With no enforced limit, the remaining
/// requests and tokens reported stop at 1.</remarks>
internal sealed class RateLimitWindow(TimeProvider clock, TimeSpan length, int? enforcedRequests, int? enforcedTokens)
{
    private readonly object _gate = new();
    private DateTimeOffset _end = DateTimeOffset.MinValue;
    private long _requests;
    private long _tokens;

    /// <summary>The limit a request reached, if any.</summary>
    internal enum Limit
    {
        /// <summary>No enforced limit was reached.</summary>
        None,

        /// <summary>The request passed <see cref="MythicDotEmulatorOptions.RequestsPerMinute"/>.</summary>
        Requests,

        /// <summary>The window's tokens had reached <see cref="MythicDotEmulatorOptions.TokensPerMinute"/> when the request arrived.</summary>
        Tokens,
    }

    /// <summary>Gets the length of a window.</summary>
    public TimeSpan Length { get; } = length;

    /// <summary>Gets the requests per window the headers report: the enforced limit, or the top tier's when none is.</summary>
    public int RequestsLimit { get; } = enforcedRequests ?? EmulatorDefaults.RequestsPerMinute;

    /// <summary>Gets the tokens per window the headers report: the enforced limit, or the top tier's when none is.</summary>
    public int TokensLimit { get; } = enforcedTokens ?? EmulatorDefaults.TokensPerMinute;

    /// <summary>Counts one request in the current window.</summary>
    /// <returns>The state after counting it; <see cref="Snapshot.Exceeded"/> names the enforced limit it met, if any.</returns>
    public Snapshot CountRequest()
    {
        lock (_gate)
        {
            var now = Roll();
            // Tokens are served after the request is answered, so the token limit turns away requests that arrive once the
            // window's tokens reached it, not the request that crosses it.
            var tokensExhausted = enforcedTokens is { } tokenLimit && _tokens >= tokenLimit;
            _requests++;
            var exceeded = enforcedRequests is { } requestLimit && _requests > requestLimit ? Limit.Requests
                : tokensExhausted ? Limit.Tokens
                : Limit.None;
            return new Snapshot(
                RequestsLimit,
                TokensLimit,
                Remaining(RequestsLimit, _requests, enforcedRequests is not null),
                Remaining(TokensLimit, _tokens, enforcedTokens is not null),
                _end - now,
                exceeded);
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

    /// <summary>Describes a window in a message: <c>minute</c> for one minute, else its length as the reset headers write it (<c>5s</c>).</summary>
    public string DescribeLength() => Length == TimeSpan.FromMinutes(1) ? "minute" : FormatDuration(Length);

    /// <summary>The figure a remaining header reports.</summary>
    /// <remarks>Without an enforced limit the emulator never tells a client that nothing remains: a client that obeys the
    /// header (as the SDK's cooldown does) would wait for a limit that is not there.</remarks>
    private static long Remaining(int limit, long used, bool enforced) => Math.Max(enforced ? 0 : 1, limit - used);

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
    /// <param name="TokensLimit">The tokens allowed per window.</param>
    /// <param name="RemainingRequests">The requests left, this one counted.</param>
    /// <param name="RemainingTokens">The tokens left.</param>
    /// <param name="ResetIn">The time until the window closes.</param>
    /// <param name="Exceeded">The enforced limit this request met, or <see cref="Limit.None"/>.</param>
    internal readonly record struct Snapshot(int RequestsLimit, int TokensLimit, long RemainingRequests, long RemainingTokens, TimeSpan ResetIn, Limit Exceeded);
}
