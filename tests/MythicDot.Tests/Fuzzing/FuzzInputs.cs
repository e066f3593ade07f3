using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// CsCheck generators shared by the fuzz targets. Every choice is drawn from CsCheck's own primitives (never from a
/// <see cref="Random"/>), so that a failing input shrinks: the first alternative of a OneOf or Frequency, the shortest
/// array and the lowest number are the "smallest".
/// </summary>
internal static class FuzzInputs
{
    /// <summary>Fragments a hostile or broken server might send: structure, escapes, extreme numbers, invalid UTF-8.</summary>
    private static readonly byte[][] Interesting =
    [
        .. new[]
        {
            "\"", "\\", "{", "}", "[", "]", ":", ",", "\"\"", "{}", "[]", "null", "true", "false", "-", "0", "-0", "1e999",
            "-1e999", "1e-999", "NaN", "Infinity", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
            "1.7976931348623157e308", "4.9e-324", "0.000000000000000000000000000001", "\\u0000", "\\uD800", "\\uDC00", "\\uD83D\\uDE00",
            "\\u", "\\x", "\\\"", "\\n", "/*", "*/", "//", "\n", "\r", "\r\n", "\t", " ", "data: ", "data:", ": ", "[DONE]",
            "\"message\":", "\"error\":", "\"code\":", "\"success\":false", "\"retry_after\":", "\"request_id\":", "\"type\":",
            "\"param\":", "\"finish_reason\":", "\"choices\":", "\"delta\":", "\"content\":", "\"embedding\":", "\"\"", "\" \"",
            "\"\\u0000\"", "\"rate_limit_exceeded\"", "\"invalid_api_key\"", "\"server_error\"", "\"model.notfound\"",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xFE], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC3],
        [0xEF, 0xBB, 0xBF], [0x00], [0x7F],
    ];

    private static readonly string[] TextPieces =
    [
        "a", "Paris", " ", "\"", "\\", "\n", "\r", "\t", "\u0000", "\u001F", "\u007F", "é", "ß", "中", "😀", "\uD83D", "\uDE00",
        "\u2028", "\uFEFF", "</script>", "{", "}", "[DONE]", "data:", "\u00A0", "%s", "{0}", "sk-", "\uFFFD",
    ];

    private static readonly string[] Codes =
    [
        ErrorCodes.AuthenticationError, ErrorCodes.InvalidApiKey, ErrorCodes.PermissionError, ErrorCodes.InvalidRequest,
        ErrorCodes.ParameterMissing, ErrorCodes.ParameterInvalid, ErrorCodes.ContentTooLarge, ErrorCodes.ResourceNotFound,
        ErrorCodes.ModelNotFound, ErrorCodes.ProviderNotFound, ErrorCodes.RateLimitExceeded, ErrorCodes.ConcurrentLimitExceeded,
        ErrorCodes.GenerationFailed, ErrorCodes.ProviderIncompatible, ErrorCodes.ProviderExhausted, ErrorCodes.ContentFiltered,
        ErrorCodes.ServerError, ErrorCodes.ServiceUnavailable, "unknown_code", "", "RATE_LIMIT_EXCEEDED",
    ];

    private static readonly string[] StringReplacements = ["", " ", "\\t", "\\u0000", "\\uD800", "null", "-1", "\\\""];

    private static readonly string[] ValueReplacements = ["null", "[]", "{}", "[null]", "[{}]", "\"\"", "0", "-1", "true", "\"x\"", "[[]]", "{\"index\":null}"];

    /// <summary>
    /// Where in a sequence something happens, as a fraction of its length at that moment: [0, 1) in steps of 1/65536. Not
    /// <c>Gen.Double.Unit</c>, whose size (its 52 bits) would outweigh every length and choice it is summed with when shrinking.
    /// </summary>
    public static readonly Gen<double> Fraction = Gen.Int[0, 65535].Select(i => i / 65536.0);

    /// <summary>A piece of text that stresses encoders (quotes, escapes, control characters, astral and lone surrogates), or one in four any single UTF-16 code unit.</summary>
    private static readonly Gen<string> TextPiece = Gen.Frequency((3, Gen.OneOf(TextPieces)), (1, Gen.Char['\0', '\uFFFF'].Select(c => c.ToString())));

    /// <summary>A JSON number, ordinary or extreme.</summary>
    public static readonly Gen<string> JsonNumber = Gen.OneOf(
        Gen.Int[-5, 99].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double[0, 100].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Int[-400, 399].Select(e => "1e" + e.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[1, 399].Select(n => new string('9', n)),
        Gen.Long[0, long.MaxValue - 1].Select(l => "-" + l.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[1, 49].Select(n => "0." + new string('0', n) + "1"));

    /// <summary>Deep nesting of arrays or objects, past the parsers' depth limits; the closing part a fraction of the opening.</summary>
    public static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[0, 2], Gen.Int[1, 299], Fraction, (shape, depth, closed) =>
    {
        var closing = (int)(closed * (depth + 1));
        return shape switch
        {
            0 => new string('[', depth) + new string(']', closing),
            1 => string.Concat(Enumerable.Repeat("{\"error\":", depth)) + "1" + new string('}', closing),
            _ => string.Concat(Enumerable.Repeat("{\"a\":[", depth)),
        };
    });

    private static readonly Gen<string> Token = Gen.OneOf(
        Gen.Const("{"),
        Gen.Const("}"),
        Gen.OneOf("[", "]"),
        Gen.OneOf(":", ","),
        JsonString(Text(6)),
        JsonNumber,
        Gen.OneOf("true", "false", "null"),
        Gen.OneOf(Interesting).Select(Encoding.UTF8.GetString),
        Gen.OneOf(" ", "\n"),
        Gen.OneOf("message", "error", "code", "type", "param", "request_id", "retry_after", "success").Select(name => "\"" + name + "\":"));

    /// <summary>A valid error body in either envelope, with generated field values, extra members and member order.</summary>
    public static readonly Gen<string> ValidEnvelope = Gen.Select(
        Shuffled(Gen.Select(
            Member("message", JsonString(Text(12)), present: 2 / 3.0),
            Member("code", Gen.Frequency((9, JsonString(Gen.OneOf(Codes))), (1, JsonNumber)), present: 3 / 4.0),
            Member("param", JsonString(Text(3)), present: 1 / 3.0),
            Member("type", Gen.Const("\"invalid_request_error\""), present: 1 / 3.0),
            Member("retry_after", Gen.Frequency((3, JsonNumber), (1, JsonNumber.Select(n => "\"" + n + "\""))), present: 1 / 3.0),
            Member("request_id", JsonString(Gen.Int.NonNegative.Select(i => "req_" + i.ToString(CultureInfo.InvariantCulture))), present: 1 / 3.0),
            Member("extra", Gen.Const("{\"nested\":[1,2,{\"message\":\"not this one\"}]}"), present: 1 / 4.0),
            (a, b, c, d, e, f, g) => new[] { a, b, c, d, e, f, g }.OfType<string>().ToArray())),
        Gen.Int[0, 2],
        JsonString(Text(8)),
        (fields, shape, message) =>
        {
            var inner = "{" + string.Join(",", fields) + "}";
            return shape switch
            {
                0 => "{\"error\":" + inner + "}",
                1 => "{\"error\":" + message + "}",
                _ => "{\"success\":false" + (fields.Length > 0 ? "," : string.Empty) + inner[1..],
            };
        });

    /// <summary>One to four mutations, each with its positions as fractions of the length it meets and what it inserts.</summary>
    public static readonly Gen<Mutation[]> Mutations = Gen.Frequency(
        (1, Gen.Select(Fraction, Gen.Byte, (at, b) => new Mutation(MutationKind.InsertByte, at, 0, 0, [b]))),
        (1, Fraction.Select(at => new Mutation(MutationKind.Truncate, at, 0, 0, []))),
        (1, Gen.Select(Fraction, Gen.Int[0, 7], (at, bit) => new Mutation(MutationKind.FlipBit, at, 0, bit, []))),
        (1, Gen.Select(Fraction, Gen.Int[1, 64], Fraction, (from, length, at) => new Mutation(MutationKind.DuplicateSlice, at, from, length, []))),
        (1, Gen.Select(Fraction, Gen.Int[1, 16], (from, length) => new Mutation(MutationKind.DeleteSlice, 0, from, length, []))),
        (2, Gen.Select(Fraction, Gen.OneOf(Interesting), (at, fragment) => new Mutation(MutationKind.Insert, at, 0, 0, fragment))),
        (1, Gen.Select(Fraction, Gen.OneOf(JsonNumber, DeepNesting), (at, text) => new Mutation(MutationKind.Insert, at, 0, 0, Encoding.UTF8.GetBytes(text)))),
        (1, Gen.Select(Fraction, Gen.OneOf(StringReplacements), (which, value) => new Mutation(MutationKind.ReplaceString, which, 0, 0, Encoding.UTF8.GetBytes(value)))),
        (1, Gen.Select(Fraction, Gen.OneOf(ValueReplacements), (which, value) => new Mutation(MutationKind.ReplaceValue, which, 0, 0, Encoding.UTF8.GetBytes(value)))))
        .Array[1, 4];

    /// <summary>Any bytes, up to <paramref name="maxLength"/> of them.</summary>
    public static Gen<byte[]> Bytes(int maxLength) => Gen.Byte.Array[0, maxLength];

    /// <summary>Random text that stresses encoders: up to <paramref name="maxPieces"/> pieces of it.</summary>
    public static Gen<string> Text(int maxPieces) => TextPiece.Array[0, maxPieces].Select(string.Concat);

    /// <summary>Text without lone surrogates, so that it survives a UTF-8 round trip exactly.</summary>
    public static Gen<string> WellFormedText(int maxPieces) => Text(maxPieces).Select(WithoutLoneSurrogates);

    /// <summary>A JSON string literal: properly escaped, or (one in eight) raw text between quotes, which may be invalid JSON.</summary>
    public static Gen<string> JsonString(Gen<string> value) =>
        Gen.Select(value, OneIn(8), (text, raw) => raw ? "\"" + text + "\"" : JsonSerializer.Serialize(text));

    /// <summary>A sequence of JSON-ish tokens: mostly valid tokens in mostly invalid order.</summary>
    public static Gen<byte[]> TokenSoup(int maxTokens) => Token.Array[0, maxTokens].Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)));

    /// <summary>True one time in <paramref name="n"/>; shrinks to false.</summary>
    public static Gen<bool> OneIn(int n) => Gen.Frequency((n - 1, false), (1, true));

    /// <summary>The items in a generated order.</summary>
    public static Gen<T[]> Shuffled<T>(Gen<T[]> items) => items.SelectMany(array => Gen.Shuffle(array));

    /// <summary>Read sizes from 1 to <paramref name="maxRead"/>, taken in turn; no read completes asynchronously.</summary>
    public static Gen<ReadPlan> Reads(int maxRead) => Gen.Int[1, maxRead].Array[1, 16].Select(sizes => new ReadPlan(sizes, []));

    /// <summary><paramref name="valid"/> with generated <see cref="Mutations"/> applied.</summary>
    public static Gen<byte[]> Mutated(Gen<byte[]> valid) => Gen.Select(valid, Mutations, Apply);

    /// <summary>Applies the mutations in turn to a copy of <paramref name="valid"/>; the same input and mutations give the same bytes.</summary>
    public static byte[] Apply(byte[] valid, Mutation[] mutations)
    {
        var bytes = new List<byte>(valid);
        foreach (var mutation in mutations)
        {
            mutation.ApplyTo(bytes);
        }

        return [.. bytes];
    }

    /// <summary>A position in <c>[0, count]</c> (an insertion point) at <paramref name="fraction"/> of the way.</summary>
    public static int Position(double fraction, int count) => Math.Min((int)(fraction * (count + 1)), count);

    /// <summary>An index in <c>[0, count)</c> at <paramref name="fraction"/> of the way; <paramref name="count"/> must be positive.</summary>
    public static int Index(double fraction, int count) => Math.Min((int)(fraction * count), count - 1);

    private static Gen<string?> Member(string name, Gen<string> value, double present) =>
        value.Select(v => "\"" + name + "\":" + v).Null(1 - present);

    private static string WithoutLoneSurrogates(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (!char.IsSurrogate(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }
}

internal enum MutationKind
{
    InsertByte,
    Truncate,
    FlipBit,
    DuplicateSlice,
    DeleteSlice,
    Insert,
    ReplaceString,
    ReplaceValue,
}

/// <summary>
/// One generated mutation. <see cref="At"/> and <see cref="From"/> are fractions of the length the mutation meets (where it
/// inserts, cuts or picks the member to replace; where its slice starts), <see cref="Count"/> a bit or a slice length,
/// <see cref="Bytes"/> what it inserts or writes. A mutation that needs bytes to work on does nothing to none.
/// </summary>
internal sealed record Mutation(MutationKind Kind, double At, double From, int Count, byte[] Bytes)
{
    public void ApplyTo(List<byte> bytes)
    {
        switch (Kind)
        {
            case MutationKind.InsertByte or MutationKind.Insert:
                bytes.InsertRange(FuzzInputs.Position(At, bytes.Count), Bytes);
                break;
            case MutationKind.Truncate:
                var at = FuzzInputs.Position(At, bytes.Count);
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case MutationKind.FlipBit when bytes.Count > 0:
                bytes[FuzzInputs.Index(At, bytes.Count)] ^= (byte)(1 << Count);
                break;
            case MutationKind.DuplicateSlice when bytes.Count > 0:
                var start = FuzzInputs.Index(From, bytes.Count);
                var slice = bytes.GetRange(start, Math.Min(Count, bytes.Count - start));
                bytes.InsertRange(FuzzInputs.Position(At, bytes.Count), slice);
                break;
            case MutationKind.DeleteSlice when bytes.Count > 0:
                var from = FuzzInputs.Index(From, bytes.Count);
                bytes.RemoveRange(from, Math.Min(Count, bytes.Count - from));
                break;
            case MutationKind.ReplaceString:
                ReplaceStringValue(bytes);
                break;
            case MutationKind.ReplaceValue:
                ReplaceValue(bytes);
                break;
        }
    }

    /// <summary>Replaces the value of one member (whatever its shape) with null, an empty or odd array or object, a string or a number.</summary>
    private void ReplaceValue(List<byte> bytes)
    {
        var colons = new List<int>();
        for (var i = 0; i < bytes.Count; i++)
        {
            if (bytes[i] == (byte)':')
            {
                colons.Add(i + 1);
            }
        }

        if (colons.Count == 0)
        {
            return;
        }

        var start = colons[FuzzInputs.Index(At, colons.Count)];
        var end = ValueEnd(bytes, start);
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Bytes);
    }

    /// <summary>Replaces the contents of one quoted string (after a colon) with an empty, blank or odd value.</summary>
    private void ReplaceStringValue(List<byte> bytes)
    {
        var starts = new List<int>();
        for (var i = 1; i < bytes.Count; i++)
        {
            if (bytes[i] == (byte)'"' && bytes[i - 1] == (byte)':')
            {
                starts.Add(i + 1);
            }
        }

        if (starts.Count == 0)
        {
            return;
        }

        var start = starts[FuzzInputs.Index(At, starts.Count)];
        var end = bytes.IndexOf((byte)'"', start);
        if (end < 0)
        {
            return;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Bytes);
    }

    /// <summary>Where the JSON value starting at <paramref name="start"/> ends: strings and nesting respected, best effort on broken input.</summary>
    private static int ValueEnd(List<byte> bytes, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < bytes.Count; i++)
        {
            var b = bytes[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (depth == 0)
                    {
                        return i;
                    }

                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case (byte)',' or (byte)'\n' or (byte)'\r' when depth == 0:
                    return i;
            }
        }

        return bytes.Count;
    }
}
