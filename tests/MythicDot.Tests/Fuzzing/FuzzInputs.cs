using System.Globalization;
using System.Text;

namespace MythicDot.Tests.Fuzzing;

/// <summary>Input generators and mutators shared by the fuzz targets.</summary>
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

    public static byte[] RandomBytes(Random random, int maxLength)
    {
        var bytes = new byte[random.Next(maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Random text that stresses encoders: quotes, escapes, control characters, astral and lone surrogates.</summary>
    public static string RandomText(Random random, int maxPieces)
    {
        var text = new StringBuilder();
        var pieces = random.Next(maxPieces + 1);
        for (var i = 0; i < pieces; i++)
        {
            text.Append(random.Next(4) == 0 ? (char)random.Next(0x10000) : TextPieces[random.Next(TextPieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Random text without lone surrogates, so that it survives a UTF-8 round trip exactly.</summary>
    public static string RandomWellFormedText(Random random, int maxPieces)
    {
        var text = RandomText(random, maxPieces);
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

    /// <summary>A JSON string literal: properly escaped, or (sometimes) raw text between quotes, which may be invalid JSON.</summary>
    public static string JsonString(Random random, string value) =>
        random.Next(8) == 0 ? "\"" + value + "\"" : System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>A JSON number, ordinary or extreme.</summary>
    public static string JsonNumber(Random random) => random.Next(6) switch
    {
        0 => random.Next(-5, 100).ToString(CultureInfo.InvariantCulture),
        1 => (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture),
        2 => "1e" + random.Next(-400, 400).ToString(CultureInfo.InvariantCulture),
        3 => new string('9', random.Next(1, 400)),
        4 => "-" + random.NextInt64().ToString(CultureInfo.InvariantCulture),
        _ => "0." + new string('0', random.Next(1, 50)) + "1",
    };

    /// <summary>A sequence of JSON-ish tokens: mostly valid tokens in mostly invalid order.</summary>
    public static byte[] TokenSoup(Random random, int maxTokens)
    {
        var text = new StringBuilder();
        var tokens = random.Next(maxTokens + 1);
        for (var i = 0; i < tokens; i++)
        {
            text.Append(random.Next(10) switch
            {
                0 => "{",
                1 => "}",
                2 => random.Next(2) == 0 ? "[" : "]",
                3 => random.Next(2) == 0 ? ":" : ",",
                4 => JsonString(random, RandomText(random, 6)),
                5 => JsonNumber(random),
                6 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
                7 => Encoding.UTF8.GetString(Interesting[random.Next(Interesting.Length)]),
                8 => random.Next(2) == 0 ? " " : "\n",
                _ => "\"" + new[] { "message", "error", "code", "type", "param", "request_id", "retry_after", "success" }[random.Next(8)] + "\":",
            });
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Deep nesting of arrays or objects, past the parsers' depth limits.</summary>
    public static string DeepNesting(Random random)
    {
        var depth = random.Next(1, 300);
        return random.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', random.Next(depth + 1)),
            1 => string.Concat(Enumerable.Repeat("{\"error\":", depth)) + "1" + new string('}', random.Next(depth + 1)),
            _ => string.Concat(Enumerable.Repeat("{\"a\":[", depth)),
        };
    }

    private static readonly string[] Codes =
    [
        ErrorCodes.AuthenticationError, ErrorCodes.InvalidApiKey, ErrorCodes.PermissionError, ErrorCodes.InvalidRequest,
        ErrorCodes.ParameterMissing, ErrorCodes.ParameterInvalid, ErrorCodes.ContentTooLarge, ErrorCodes.ResourceNotFound,
        ErrorCodes.ModelNotFound, ErrorCodes.ProviderNotFound, ErrorCodes.RateLimitExceeded, ErrorCodes.ConcurrentLimitExceeded,
        ErrorCodes.GenerationFailed, ErrorCodes.ProviderIncompatible, ErrorCodes.ProviderExhausted, ErrorCodes.ContentFiltered,
        ErrorCodes.ServerError, ErrorCodes.ServiceUnavailable, "unknown_code", "", "RATE_LIMIT_EXCEEDED",
    ];

    /// <summary>A valid error body in either envelope, with random field values and extra members.</summary>
    public static string ValidEnvelope(Random random)
    {
        var fields = new List<string>();
        if (random.Next(3) != 0)
        {
            fields.Add("\"message\":" + JsonString(random, RandomText(random, 12)));
        }

        if (random.Next(4) != 0)
        {
            fields.Add("\"code\":" + (random.Next(10) == 0 ? JsonNumber(random) : JsonString(random, Codes[random.Next(Codes.Length)])));
        }

        if (random.Next(3) == 0)
        {
            fields.Add("\"param\":" + JsonString(random, RandomText(random, 3)));
        }

        if (random.Next(3) == 0)
        {
            fields.Add("\"type\":\"invalid_request_error\"");
        }

        if (random.Next(3) == 0)
        {
            fields.Add("\"retry_after\":" + (random.Next(4) == 0 ? "\"" + JsonNumber(random) + "\"" : JsonNumber(random)));
        }

        if (random.Next(3) == 0)
        {
            fields.Add("\"request_id\":" + JsonString(random, "req_" + random.Next()));
        }

        if (random.Next(4) == 0)
        {
            fields.Add("\"extra\":{\"nested\":[1,2,{\"message\":\"not this one\"}]}");
        }

        Shuffle(random, fields);
        var inner = "{" + string.Join(",", fields) + "}";
        return random.Next(3) switch
        {
            0 => "{\"error\":" + inner + "}",
            1 => "{\"error\":" + JsonString(random, RandomText(random, 8)) + "}",
            _ => "{\"success\":false" + (fields.Count > 0 ? "," : string.Empty) + inner[1..],
        };
    }

    public static void Shuffle<T>(Random random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Applies one to four mutations to a copy of <paramref name="valid"/>.</summary>
    public static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = new List<byte>(valid);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
            switch (random.Next(10))
            {
                case 0 when bytes.Count > 0: // bit flip
                    var flip = random.Next(bytes.Count);
                    bytes[flip] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // truncation
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2 when bytes.Count > 0: // duplicate a slice
                    var start = random.Next(bytes.Count);
                    var slice = bytes.GetRange(start, random.Next(1, Math.Min(64, bytes.Count - start) + 1));
                    bytes.InsertRange(random.Next(bytes.Count + 1), slice);
                    break;
                case 3 when bytes.Count > 0: // delete a slice
                    var from = random.Next(bytes.Count);
                    bytes.RemoveRange(from, random.Next(1, Math.Min(16, bytes.Count - from) + 1));
                    break;
                case 4: // insert an interesting fragment
                case 5:
                    bytes.InsertRange(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 6: // insert a huge number or deep nesting
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? JsonNumber(random) : DeepNesting(random)));
                    break;
                case 7: // replace a string value with an edge case
                    ReplaceStringValue(random, bytes);
                    break;
                case 8: // replace a whole member value with a value of another shape
                    ReplaceValue(random, bytes);
                    break;
                default: // random byte
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Replaces the value of one member (whatever its shape) with null, an empty or odd array or object, a string or a number.</summary>
    private static void ReplaceValue(Random random, List<byte> bytes)
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

        var start = colons[random.Next(colons.Count)];
        var end = ValueEnd(bytes, start);
        var replacement = new[] { "null", "[]", "{}", "[null]", "[{}]", "\"\"", "0", "-1", "true", "\"x\"", "[[]]", "{\"index\":null}" }[random.Next(12)];
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(replacement));
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

    /// <summary>Replaces the contents of one quoted string (after a colon) with an empty, blank or odd value.</summary>
    private static void ReplaceStringValue(Random random, List<byte> bytes)
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

        var start = starts[random.Next(starts.Count)];
        var end = bytes.IndexOf((byte)'"', start);
        if (end < 0)
        {
            return;
        }

        var replacement = new[] { "", " ", "\\t", "\\u0000", "\\uD800", "null", "-1", "\\\"" }[random.Next(8)];
        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(replacement));
    }
}
