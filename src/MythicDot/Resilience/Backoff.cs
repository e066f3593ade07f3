namespace MythicDot.Resilience;

/// <summary>Exponential backoff with a jitter band of 75-100% of the nominal wait.</summary>
/// <remarks>Polly's own exponential jitter can wait far less or more than the nominal; callers are promised the band.
/// Waits are whole milliseconds, the resolution of <see cref="TimeProvider"/> delays.</remarks>
internal static class Backoff
{
    /// <summary>The wait before retry <paramref name="retry"/> (1-based).</summary>
    /// <param name="retry">The retry number: 1 before the second attempt.</param>
    /// <param name="initial">The nominal first wait.</param>
    /// <param name="max">The cap on the nominal wait.</param>
    /// <param name="unitRandom">A value in [0, 1).</param>
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max, double unitRandom)
    {
        var nominal = Nominal(retry, initial, max);
        var fraction = 0.75 + (0.25 * Math.Clamp(unitRandom, 0, 1));

        // Whole milliseconds: TimeProvider.Delay truncates to them, so the wait computed is the wait slept.
        var nominalMs = nominal.TotalMilliseconds;
        var low = Math.Ceiling(nominalMs * 0.75);
        var milliseconds = low <= nominalMs ? Math.Clamp(Math.Floor(nominalMs * fraction), low, nominalMs) : nominalMs;
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The un-jittered wait: <c>min(initial * 2^(retry-1), max)</c>, without overflow at any <paramref name="retry"/>.</summary>
    public static TimeSpan Nominal(int retry, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Max(retry - 1, 0);
        var ticks = initial.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks || double.IsInfinity(ticks) ? max : TimeSpan.FromTicks((long)ticks);
    }
}
