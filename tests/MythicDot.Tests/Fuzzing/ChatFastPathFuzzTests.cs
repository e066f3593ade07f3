using System.Globalization;
using System.Text;
using System.Text.Json;
using MythicDot.Chat;
using MythicDot.Serialization;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// The fast readers of completions and stream chunks against the generated deserializer: whenever a fast reader reads a body,
/// the generated deserializer reads the same body to the same value. Chunks come in streams of several, through one reader,
/// so that the strings it keeps from one chunk to the next are checked too.
/// </summary>
public sealed class ChatFastPathFuzzTests
{
    private static readonly string[] Strings = ["chatcmpl-1", "chatcmpl-2", "mythic-4", "", " ", "h\u00e9llo", "\U0001F600", "a\"b", "line\nbreak", "chat.completion.chunk", "assistant", "stop", "length", "tool_calls", "user"];

    [Fact]
    public void TryReadFast_GeneratedChunks_ReadsWhatTheDeserializerReads()
    {
        var fast = 0;
        var total = 0;
        Fuzz.Run("chunk-reader/generated", 4_000, r => Enumerable.Range(0, r.Next(1, 6)).Select(_ => Body(r, completion: false)).ToList(), (events, _) =>
        {
            var reader = new ChatCompletionChunkReader();
            foreach (var json in events)
            {
                total++;
                fast += Check(reader, Encoding.UTF8.GetBytes(json)) ? 1 : 0;
            }
        }, events => string.Join("\n", events));

        // Not vacuous: the fast reader takes a good share of the events, and declines a good share.
        Assert.InRange(fast, total / 5, total * 4 / 5);
    }

    [Fact]
    public void TryReadFast_MutatedChunks_ReadsWhatTheDeserializerReadsOrDeclines()
    {
        Fuzz.Run("chunk-reader/mutated", 4_000, r => FuzzInputs.Mutate(r, Encoding.UTF8.GetBytes(Body(r, completion: false, plain: true))), (bytes, _) =>
        {
            Check(new ChatCompletionChunkReader(), bytes);
        }, bytes => Fuzz.Escape(bytes));
    }

    [Fact]
    public void TryRead_GeneratedCompletions_ReadsWhatTheDeserializerReads()
    {
        var fast = 0;
        Fuzz.Run("completion-reader/generated", 4_000, r => Body(r, completion: true), (json, _) =>
        {
            fast += CheckCompletion(Encoding.UTF8.GetBytes(json)) ? 1 : 0;
        });

        Assert.InRange(fast, 4_000 / 5, 4_000 * 4 / 5);
    }

    [Fact]
    public void TryRead_MutatedCompletions_ReadsWhatTheDeserializerReadsOrDeclines()
    {
        Fuzz.Run("completion-reader/mutated", 4_000, r => FuzzInputs.Mutate(r, Encoding.UTF8.GetBytes(Body(r, completion: true, plain: true))), (bytes, _) =>
        {
            CheckCompletion(bytes);
        }, bytes => Fuzz.Escape(bytes));
    }

    [Theory]
    [InlineData("""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[]},"finish_reason":"tool_calls"}]}""")]
    [InlineData("""{"id":"c","choices":[{"index":0,"message":{"role":null,"content":"x"}}]}""")]
    [InlineData("""{"id":"c","choices":[{"index":0,"message":null}]}""")]
    [InlineData("""{"id":"c","usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"prompt_tokens_details":{}}}""")]
    [InlineData("""{"success":false,"message":"Overloaded","code":"service_unavailable"}""")]
    public void TryRead_RareCompletionShapes_Declines(string json)
    {
        Assert.Null(ChatCompletionReader.TryRead(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void TryRead_MessageWithoutRole_HasTheDefaultRoleAsTheDeserializerGives()
    {
        var json = """{"id":"c","choices":[{"index":0,"message":{"content":"x"}}]}"""u8.ToArray();

        var read = ChatCompletionReader.TryRead(json)!;

        Assert.Equal(default, read.Choices[0].Message.Role);
        Assert.Equal(JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletion)!.Choices[0].Message.Role, read.Choices[0].Message.Role);
    }

    [Fact]
    public void TryReadFast_SameIdAndModel_ReusesTheStrings()
    {
        var reader = new ChatCompletionChunkReader();
        var json = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"mythic-4","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"""u8.ToArray();

        var first = reader.TryReadFast(json)!;
        var second = reader.TryReadFast(json)!;

        Assert.Same(first.Id, second.Id);
        Assert.Same(first.Model, second.Model);
        Assert.Equal(ChatRole.Assistant, second.Choices[0].Delta.Role);
        Assert.Equal(ChatFinishReason.Stop, second.Choices[0].FinishReason);
        Assert.NotSame(first.Choices[0].Delta.Content, second.Choices[0].Delta.Content);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Overloaded","code":"service_unavailable"}}""")]
    [InlineData("""{"success":false,"message":"Overloaded","code":"service_unavailable"}""")]
    [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f","arguments":""}}]}}]}""")]
    [InlineData("""{"id":"c","choices":[],"usage":{"prompt_tokens":1.5,"completion_tokens":2,"total_tokens":3}}""")]
    [InlineData("""{"id":"c","system_fingerprint":"fp","choices":[]}""")]
    [InlineData("""{"id":"c","created":1.5,"choices":[]}""")]
    public void TryReadFast_EnvelopesAndRareShapes_Declines(string json)
    {
        Assert.Null(new ChatCompletionChunkReader().TryReadFast(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Checks one event; returns whether the fast reader read it.</summary>
    private static bool Check(ChatCompletionChunkReader reader, byte[] json)
    {
        var read = reader.TryReadFast(json);
        if (read is null)
        {
            return false;
        }

        ChatCompletionChunk? deserialized;
        try
        {
            deserialized = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletionChunk);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException("The fast reader read an event the deserializer refuses: " + exception.Message, exception);
        }

        Assert.NotNull(deserialized);
        Assert.Equal(Canonical(deserialized), Canonical(read));
        Assert.Null(read.AdditionalProperties);
        return true;
    }

    /// <summary>Checks one completion body; returns whether the fast reader read it.</summary>
    private static bool CheckCompletion(byte[] json)
    {
        var read = ChatCompletionReader.TryRead(json);
        if (read is null)
        {
            return false;
        }

        ChatCompletion? deserialized;
        try
        {
            deserialized = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletion);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException("The fast reader read a body the deserializer refuses: " + exception.Message, exception);
        }

        Assert.NotNull(deserialized);
        var expected = new StringBuilder(JsonSerializer.Serialize(deserialized, ChatJsonContext.Default.ChatCompletion)).Append('|').Append(deserialized.Created.UtcTicks);
        var actual = new StringBuilder(JsonSerializer.Serialize(read, ChatJsonContext.Default.ChatCompletion)).Append('|').Append(read.Created.UtcTicks);
        Assert.Equal(expected.ToString(), actual.ToString());
        Assert.Null(read.AdditionalProperties);
        return true;
    }

    private static string Canonical(ChatCompletionChunk chunk)
    {
        // The serializer writes every field the chunk holds; roles and finish reasons as their text, a null one left out.
        var text = new StringBuilder(JsonSerializer.Serialize(chunk, ChatJsonContext.Default.ChatCompletionChunk));
        text.Append('|').Append(chunk.Created.UtcTicks.ToString(CultureInfo.InvariantCulture));
        foreach (var choice in chunk.Choices)
        {
            text.Append('|').Append(choice is null ? "null" : (choice.Delta.Role is null ? "no role" : "role"));
        }

        return text.ToString();
    }

    /// <summary>A completion body or a chunk event: mostly the common shape, with every kind of departure from it now and then.</summary>
    private static string Body(Random r, bool completion, bool plain = false)
    {
        var members = new List<string>();
        Maybe(r, 0.9, () => members.Add("\"id\":" + Str(r, plain)));
        Maybe(r, 0.8, () => members.Add("\"object\":" + (plain || r.Next(4) > 0 ? (completion ? "\"chat.completion\"" : "\"chat.completion.chunk\"") : Value(r))));
        Maybe(r, 0.8, () => members.Add("\"created\":" + (plain || r.Next(4) > 0 ? r.Next(0, int.MaxValue).ToString(CultureInfo.InvariantCulture) : Number(r))));
        Maybe(r, 0.9, () => members.Add("\"model\":" + Str(r, plain)));
        Maybe(r, 0.95, () => members.Add("\"choices\":" + Choices(r, completion, plain)));
        Maybe(r, completion ? 0.8 : 0.15, () => members.Add("\"usage\":" + Usage(r, plain)));
        Maybe(r, plain ? 0 : 0.05, () => members.Add("\"" + Pick(r, ["system_fingerprint", "error", "success", "ID", "Id"]) + "\":" + Value(r)));
        if (!plain && r.Next(20) == 0 && members.Count > 0)
        {
            members.Add(members[r.Next(members.Count)]); // a repeated member
        }

        if (!plain)
        {
            FuzzInputs.Shuffle(r, members);
        }

        var separator = !plain && r.Next(5) == 0 ? " , " : ",";
        return (!plain && r.Next(5) == 0 ? " { " : "{") + string.Join(separator, members) + "}";
    }

    private static string Usage(Random r, bool plain)
    {
        if (!plain && r.Next(6) == 0)
        {
            return Pick(r, ["null", "[]", "1", "{\"prompt_tokens\":1.5}", "{\"prompt_tokens\":null}", "{\"total_tokens\":\"3\"}", "{\"extra\":1}"]);
        }

        var members = new List<string>();
        Maybe(r, 0.9, () => members.Add("\"prompt_tokens\":" + r.Next(0, 5000).ToString(CultureInfo.InvariantCulture)));
        Maybe(r, 0.9, () => members.Add("\"completion_tokens\":" + (plain || r.Next(10) > 0 ? r.Next(0, 5000).ToString(CultureInfo.InvariantCulture) : Number(r))));
        Maybe(r, 0.9, () => members.Add("\"total_tokens\":" + r.Next(0, 10000).ToString(CultureInfo.InvariantCulture)));
        if (!plain && r.Next(20) == 0 && members.Count > 0)
        {
            members.Add(members[0]);
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static string Choices(Random r, bool completion, bool plain)
    {
        if (!plain && r.Next(15) == 0)
        {
            return Pick(r, ["null", "[null]", "{}", "[]", "[1]"]);
        }

        var count = r.Next(10) == 0 ? r.Next(0, 4) : 1;
        return "[" + string.Join(",", Enumerable.Range(0, count).Select(i => Choice(r, i, completion, plain))) + "]";
    }

    private static string Choice(Random r, int index, bool completion, bool plain)
    {
        var members = new List<string>();
        Maybe(r, 0.95, () => members.Add("\"index\":" + (plain || r.Next(8) > 0 ? index.ToString(CultureInfo.InvariantCulture) : Number(r))));
        Maybe(r, 0.95, () => members.Add((completion ? "\"message\":" : "\"delta\":") + Delta(r, plain)));
        Maybe(r, 0.9, () => members.Add("\"finish_reason\":" + (r.Next(3) == 0 ? Str(r, plain) : "null")));
        Maybe(r, plain ? 0 : 0.05, () => members.Add("\"logprobs\":null"));
        if (!plain)
        {
            FuzzInputs.Shuffle(r, members);
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static string Delta(Random r, bool plain)
    {
        if (!plain && r.Next(20) == 0)
        {
            return Pick(r, ["null", "[]", "1", "\"x\""]);
        }

        var members = new List<string>();
        Maybe(r, 0.5, () => members.Add("\"role\":" + (r.Next(6) == 0 ? "null" : Str(r, plain))));
        Maybe(r, 0.8, () => members.Add("\"content\":" + (r.Next(8) == 0 ? "null" : Str(r, plain))));
        Maybe(r, plain ? 0 : 0.05, () => members.Add("""
            "tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\""}}]
            """.Trim()));
        Maybe(r, plain ? 0 : 0.03, () => members.Add("\"name\":\"ann\""));
        if (!plain && r.Next(30) == 0 && members.Count > 0)
        {
            members.Add(members[0]);
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static string Str(Random r, bool plain)
    {
        var value = Pick(r, Strings);
        if (plain || r.Next(6) > 0)
        {
            return JsonSerializer.Serialize(value);
        }

        return r.Next(3) switch
        {
            0 => "\"" + string.Concat(value.Select(c => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture))) + "\"", // every character escaped
            1 => Value(r),
            _ => FuzzInputs.JsonString(r, value),
        };
    }

    private static string Value(Random r) => Pick(r, ["null", "true", "1", "\"s\"", "[]", "{}", "[\"a\"]", "{\"a\":1}", "-0", "1.0"]);

    private static string Number(Random r) => r.Next(3) == 0 ? Pick(r, ["1.5", "1e3", "-1", "\"1\"", "null", "2147483648", "-9223372036854775808"]) : FuzzInputs.JsonNumber(r);

    private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];

    private static void Maybe(Random r, double probability, Action add)
    {
        if (r.NextDouble() < probability)
        {
            add();
        }
    }
}
