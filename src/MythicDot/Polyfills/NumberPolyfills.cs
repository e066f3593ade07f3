using System.Globalization;

namespace MythicDot.Polyfills;

/// <summary>The numeric helpers and span parsing of .NET Core 2.1+ that the SDK uses.</summary>
internal static class NumberPolyfills
{
    extension(Math)
    {
        public static double Clamp(double value, double min, double max) => value < min ? min : value > max ? max : value;

        public static long Clamp(long value, long min, long max) => value < min ? min : value > max ? max : value;
    }

    extension(double)
    {
        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

        public static bool TryParse(ReadOnlySpan<char> text, NumberStyles style, IFormatProvider? provider, out double result) =>
            double.TryParse(text.ToString(), style, provider, out result);
    }

    extension(float)
    {
        public static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);
    }

    extension(int)
    {
        public static bool TryParse(ReadOnlySpan<char> text, NumberStyles style, IFormatProvider? provider, out int result) =>
            int.TryParse(text.ToString(), style, provider, out result);
    }

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
    }
}
