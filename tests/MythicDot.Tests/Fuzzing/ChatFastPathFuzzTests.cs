using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
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
        Fuzz.Run("chunk-reader/generated", 4_000, Body(completion: false).Array[1, 5], events =>
        {
            var reader = new ChatCompletionChunkReader();
            foreach (var json in events)
            {
                Interlocked.Increment(ref total);
                if (Check(reader, Encoding.UTF8.GetBytes(json)))
                {
                    Interlocked.Increment(ref fast);
                }
            }
        }, events => string.Join("\n", events.Select(Fuzz.Escape)));

        // Not vacuous: the fast reader takes a good share of the events, and declines a good share.
        Assert.InRange(fast, total / 5, total * 4 / 5);
    }

    [Fact]
    public void TryReadFast_MutatedChunks_ReadsWhatTheDeserializerReadsOrDeclines()
    {
        Fuzz.Run("chunk-reader/mutated", 4_000, FuzzInputs.Mutated(Body(completion: false, plain: true).Select(Encoding.UTF8.GetBytes)), bytes =>
        {
            Check(new ChatCompletionChunkReader(), bytes);
        });
    }

    [Fact]
    public void TryRead_GeneratedCompletions_ReadsWhatTheDeserializerReads()
    {
        var fast = 0;
        Fuzz.Run("completion-reader/generated", 4_000, Body(completion: true), json =>
        {
            if (CheckCompletion(Encoding.UTF8.GetBytes(json)))
            {
                Interlocked.Increment(ref fast);
            }
        });

        Assert.InRange(fast, 4_000 / 5, 4_000 * 4 / 5);
    }

    [Fact]
    public void TryRead_MutatedCompletions_ReadsWhatTheDeserializerReadsOrDeclines()
    {
        Fuzz.Run("completion-reader/mutated", 4_000, FuzzInputs.Mutated(Body(completion: true, plain: true).Select(Encoding.UTF8.GetBytes)), bytes =>
        {
            CheckCompletion(bytes);
        });
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

    /// <summary>
    /// A completion body or a chunk event: mostly the common shape, with every kind of departure from it now and then
    /// (none when <paramref name="plain"/>: then only member presence and values vary).
    /// </summary>
    private static Gen<string> Body(bool completion, bool plain = false)
    {
        var objectName = completion ? "\"chat.completion\"" : "\"chat.completion.chunk\"";
        var created = Gen.Int[0, int.MaxValue - 1].Select(c => c.ToString(CultureInfo.InvariantCulture));
        var members = Gen.Select(
            Maybe(0.9, Member("id", Str(plain))),
            Maybe(0.8, Member("object", plain ? Gen.Const(objectName) : Gen.Frequency((3, Gen.Const(objectName)), (1, Value)))),
            Maybe(0.8, Member("created", plain ? created : Gen.Frequency((3, created), (1, Number)))),
            Maybe(0.9, Member("model", Str(plain))),
            Maybe(0.95, Member("choices", Choices(completion, plain))),
            Maybe(completion ? 0.8 : 0.15, Member("usage", Usage(plain))),
            Maybe(plain ? 0 : 0.05, Gen.Select(Gen.OneOf("system_fingerprint", "error", "success", "ID", "Id"), Value, (name, value) => "\"" + name + "\":" + value)),
            (a, b, c, d, e, f, g) => new[] { a, b, c, d, e, f, g }.OfType<string>().ToArray());
        if (plain)
        {
            return members.Select(m => "{" + string.Join(",", m) + "}");
        }

        // A repeated member now and then, then any order, spaces around the separators or the opening brace.
        var shuffled = FuzzInputs.Shuffled(Gen.Select(members, FuzzInputs.Fraction.Nullable(19 / 20.0), (m, repeat) => repeat is { } which && m.Length > 0 ? [.. m, m[FuzzInputs.Index(which, m.Length)]] : m));
        return Gen.Select(shuffled, FuzzInputs.OneIn(5), FuzzInputs.OneIn(5), (m, spaced, braced) => (braced ? " { " : "{") + string.Join(spaced ? " , " : ",", m) + "}");
    }

    private static Gen<string> Usage(bool plain)
    {
        var tokens = Gen.Int[0, 4999].Select(n => n.ToString(CultureInfo.InvariantCulture));
        var usage = Gen.Select(
            Maybe(0.9, Member("prompt_tokens", tokens)),
            Maybe(0.9, Member("completion_tokens", plain ? tokens : Gen.Frequency((9, tokens), (1, Number)))),
            Maybe(0.9, Member("total_tokens", Gen.Int[0, 9999].Select(n => n.ToString(CultureInfo.InvariantCulture)))),
            plain ? Gen.Const(false) : FuzzInputs.OneIn(20),
            (prompt, completion, total, repeat) =>
            {
                var members = new[] { prompt, completion, total }.OfType<string>().ToList();
                if (repeat && members.Count > 0)
                {
                    members.Add(members[0]);
                }

                return "{" + string.Join(",", members) + "}";
            });
        return plain ? usage : Gen.Frequency((5, usage), (1, Gen.OneOf("null", "[]", "1", "{\"prompt_tokens\":1.5}", "{\"prompt_tokens\":null}", "{\"total_tokens\":\"3\"}", "{\"extra\":1}")));
    }

    private static Gen<string> Choices(bool completion, bool plain)
    {
        var choice = Choice(completion, plain);
        var choices = Gen.Frequency((9, choice.Array[1]), (1, choice.Array[0, 3]))
            .Select(list => "[" + string.Join(",", list.Select((members, i) => "{" + string.Join(",", members.Select(m => ReferenceEquals(m, IndexMember) ? "\"index\":" + i.ToString(CultureInfo.InvariantCulture) : m)) + "}")) + "]");
        return plain ? choices : Gen.Frequency((14, choices), (1, Gen.OneOf("null", "[null]", "{}", "[]", "[1]")));
    }

    /// <summary>Stands for the member <c>"index":N</c>, N the choice's place in the array, until the array is put together.</summary>
    private static readonly string IndexMember = new('#', 1);

    /// <summary>The members of one choice: the index stands as <see cref="IndexMember"/> until the choice's place is known.</summary>
    private static Gen<string[]> Choice(bool completion, bool plain)
    {
        var members = Gen.Select(
            Maybe(0.95, plain ? Gen.Const(IndexMember) : Gen.Frequency((7, Gen.Const(IndexMember)), (1, Member("index", Number)))),
            Maybe(0.95, Member(completion ? "message" : "delta", Delta(plain))),
            Maybe(0.9, Member("finish_reason", Gen.Frequency((2, Gen.Const("null")), (1, Str(plain))))),
            // What a real server sends on every choice that did not ask for log probabilities, and (rarely) some it did ask for.
            Maybe(0.3, Gen.Frequency((9, Gen.Const("\"logprobs\":null")), (plain ? 0 : 1, Gen.Const("\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-0.5,\"bytes\":[97],\"top_logprobs\":[]}],\"refusal\":null}")))),
            (a, b, c, d) => new[] { a, b, c, d }.OfType<string>().ToArray());
        return plain ? members : FuzzInputs.Shuffled(members);
    }

    private static Gen<string> Delta(bool plain)
    {
        var delta = Gen.Select(
            Maybe(0.5, Member("role", Gen.Frequency((5, Str(plain)), (1, Gen.Const("null"))))),
            Maybe(0.8, Member("content", Gen.Frequency((7, Str(plain)), (1, Gen.Const("null"))))),
            Maybe(0.3, Member("refusal", Gen.Frequency((1, Str(plain)), (3, Gen.Const("null"))))),
            Maybe(plain ? 0 : 0.05, Gen.Const("""
                "tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\""}}]
                """.Trim())),
            Maybe(plain ? 0 : 0.03, Gen.Const("\"name\":\"ann\"")),
            plain ? Gen.Const(false) : FuzzInputs.OneIn(30),
            (role, content, refusal, toolCalls, name, repeat) =>
            {
                var members = new[] { role, content, refusal, toolCalls, name }.OfType<string>().ToList();
                if (repeat && members.Count > 0)
                {
                    members.Add(members[0]);
                }

                return "{" + string.Join(",", members) + "}";
            });
        return plain ? delta : Gen.Frequency((19, delta), (1, Gen.OneOf("null", "[]", "1", "\"x\"")));
    }

    private static Gen<string> Str(bool plain)
    {
        var value = Gen.OneOf(Strings);
        var serialized = value.Select(v => JsonSerializer.Serialize(v));
        if (plain)
        {
            return serialized;
        }

        return Gen.Frequency(
            (15, serialized),
            (1, value.Select(v => "\"" + string.Concat(v.Select(c => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture))) + "\"")), // every character escaped
            (1, Value),
            (1, FuzzInputs.JsonString(value)));
    }

    private static readonly Gen<string> Value = Gen.OneOf("null", "true", "1", "\"s\"", "[]", "{}", "[\"a\"]", "{\"a\":1}", "-0", "1.0");

    private static readonly Gen<string> Number = Gen.Frequency((2, FuzzInputs.JsonNumber), (1, Gen.OneOf("1.5", "1e3", "-1", "\"1\"", "null", "2147483648", "-9223372036854775808")));

    private static Gen<string> Member(string name, Gen<string> value) => value.Select(v => "\"" + name + "\":" + v);

    /// <summary>Present with the given probability; absent (null) otherwise, which is also what it shrinks to.</summary>
    private static Gen<string?> Maybe(double probability, Gen<string> member) =>
        probability <= 0 ? Gen.Const((string?)null) : member.Null(1 - probability);
}
