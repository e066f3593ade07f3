namespace MythicDot.Internal;

/// <summary>The UTF-8 byte-order mark, which RFC 8259 lets a JSON parser skip, and which <see cref="System.Text.Json.Utf8JsonReader"/> refuses.</summary>
internal static class Utf8Bom
{
    /// <summary>Returns <paramref name="utf8"/> without a leading byte-order mark.</summary>
    public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> utf8) =>
        utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? utf8[3..] : utf8;
}
