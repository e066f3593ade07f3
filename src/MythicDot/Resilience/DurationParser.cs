using System.Globalization;

namespace MythicDot.Resilience;

/// <summary>Reads rate-limit reset values: plain seconds (<c>1</c>, <c>0.5</c>) or Go-style durations (<c>1s</c>, <c>6m0s</c>, <c>20ms</c>, <c>1h2m3.5s</c>).</summary>
internal static class DurationParser
{
    private const int MaxLength = 64;

    /// <summary>Parses a duration; <see langword="null"/> for anything malformed, negative or not finite.</summary>
    public static TimeSpan? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return FromSeconds(plainSeconds);
        }

        double totalSeconds = 0;
        while (!text.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0
                || !double.TryParse(text[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            text = text[numberLength..];
            var unitLength = 0;
            while (unitLength < text.Length && !char.IsAsciiDigit(text[unitLength]) && text[unitLength] != '.')
            {
                unitLength++;
            }

            double? scale = text[..unitLength] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" or "μs" => 1e-6,
                "ns" => 1e-9,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            totalSeconds += number * scale.Value;
            text = text[unitLength..];
        }

        return FromSeconds(totalSeconds);
    }

    private static TimeSpan? FromSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;
}
