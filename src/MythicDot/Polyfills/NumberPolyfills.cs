namespace MythicDot.Polyfills;

/// <summary>The numeric helpers of .NET Core 2.1+ that the SDK uses and the Polyfill package does not provide.</summary>
internal static class NumberPolyfills
{
    extension(double)
    {
        public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
    }

    extension(float)
    {
        public static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);
    }
}
