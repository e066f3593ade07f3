namespace MythicDot.Polyfills;

/// <summary>The <see cref="string"/> members of .NET Core 2.1+ that the SDK uses and the Polyfill package does not provide.</summary>
internal static class StringPolyfills
{
    extension(string)
    {
        /// <summary>Formats with <paramref name="provider"/>; an interpolated string converts to <see cref="FormattableString"/>.</summary>
        public static string Create(IFormatProvider? provider, FormattableString text) => text.ToString(provider);
    }

    extension(string text)
    {
        public bool Contains(string value, StringComparison comparisonType) => text.IndexOf(value, comparisonType) >= 0;

        public string Replace(string oldValue, string? newValue, StringComparison comparisonType)
        {
            if (comparisonType != StringComparison.Ordinal)
            {
                throw new NotSupportedException("Only ordinal replacement is polyfilled.");
            }

            return text.Replace(oldValue, newValue);
        }

        /// <summary>The code points of the text; a lone surrogate counts as one, as <c>Rune.ReplacementChar</c> does.</summary>
        public IEnumerable<int> EnumerateRunes()
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    yield return char.ConvertToUtf32(text[i], text[i + 1]);
                    i++;
                }
                else
                {
                    yield return char.IsSurrogate(text[i]) ? 0xFFFD : text[i];
                }
            }
        }
    }
}
