using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MythicDot.Polyfills;

/// <summary>The argument guards of .NET 6+ (<c>ArgumentNullException.ThrowIfNull</c>, ...), as static extensions so the shared source calls them unchanged.</summary>
internal static class ThrowPolyfills
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrWhiteSpace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (string.IsNullOrWhiteSpace(argument))
            {
                throw new ArgumentException("The value cannot be an empty string or composed entirely of whitespace.", paramName);
            }
        }
    }
}
