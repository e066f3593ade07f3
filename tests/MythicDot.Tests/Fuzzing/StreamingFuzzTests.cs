using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// Event streams end to end through <c>CreateStreamingAsync</c> on a fake transport: random and mutated streams end
/// normally or with an <see cref="ApiError"/>, never with another exception and never by hanging.
/// </summary>
public sealed class StreamingFuzzTests
{
    private const string Key = ApiHarness.ApiKey;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);

    private static readonly ChatCompletionRequest Request = new() { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] };

    private static readonly string[] LineEnds = ["\n", "\r", "\r\n"];

    [Fact]
    public Task CreateStreamingAsync_ValidStreamsAnyLineEndsAndSplits_YieldEveryChunk() =>
        RunAsync("sse/valid", 2_000, r => CleanStream(r));

    [Fact]
    public Task CreateStreamingAsync_StructuredJunk_EndsNormallyOrWithApiError() =>
        RunAsync("sse/structured", 3_000, StructuredStream);

    [Fact]
    public Task CreateStreamingAsync_MutatedStreams_EndsNormallyOrWithApiError() =>
        RunAsync("sse/mutated", 4_000, r =>
        {
            var clean = CleanStream(r);
            return clean with { Body = FuzzInputs.Mutate(r, clean.Body), Expected = null };
        });

    [Fact]
    public Task CreateStreamingAsync_RandomBytesAndOddResponses_EndsNormallyOrWithApiError() =>
        RunAsync("sse/responses", 2_000, OddResponse);

    private static async Task RunAsync(string target, int cases, Func<Random, StreamCase> generate)
    {
        var handler = new FuzzHandler();
        var client = handler.CreateClient(Key);
        await Fuzz.RunAsync(target, cases, CaseTimeout, generate, async (input, random) =>
        {
            handler.Next = () => FuzzHandler.Response(input.Status, new SplitStream(input.Body, random, maxRead: random.Next(2) == 0 ? 7 : 4096, yieldOneIn: random.Next(8) == 0 ? 16 : 0), input.ContentType);
            var stream = client.Chat.Completions.CreateStreamingAsync(Request);
            var contents = new List<string?>();
            var endedNormally = false;
            try
            {
                if (input.Expected is null && random.Next(2) == 0)
                {
                    // Half the junk goes through the accumulator, which callers use to rebuild the whole answer.
                    var completion = await stream.ToCompletionAsync();
                    _ = completion.Choices.Count;
                }
                else
                {
                    await foreach (var chunk in stream)
                    {
                        contents.Add(chunk.Choices is [{ Delta: { } delta }, ..] ? delta.Content : null);
                    }
                }

                endedNormally = true;
            }
            catch (ApiError error)
            {
                Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(Key, error.ResponseBody ?? string.Empty, StringComparison.Ordinal);
                Assert.True(input.Expected is null, $"a valid stream failed: {error}");
            }

            if (input.Expected is { } expected)
            {
                Assert.True(endedNormally);
                Assert.Equal(expected, contents);
            }
        }, input => $"HTTP {(int)input.Status} {input.ContentType ?? "(no content type)"}: {Fuzz.Escape(input.Body)}");
    }

    /// <summary>A well-formed stream: role chunk, content chunks, last chunk, [DONE]; comments and fields between; any line ends.</summary>
    private static StreamCase CleanStream(Random random)
    {
        var body = new StringBuilder();
        var expected = new List<string?>();
        var eol = LineEnds[random.Next(LineEnds.Length)];
        if (random.Next(8) == 0)
        {
            body.Append('\uFEFF');
        }

        void Event(string data, string? content)
        {
            if (random.Next(4) == 0)
            {
                body.Append(": keep-alive").Append(eol).Append(eol);
            }

            if (random.Next(6) == 0)
            {
                body.Append("event: message").Append(eol).Append("id: ").Append(random.Next()).Append(eol);
            }

            body.Append(random.Next(5) == 0 ? "data:" : "data: ").Append(data).Append(eol).Append(eol);
            expected.Add(content);
        }

        Event(Chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"), string.Empty);
        for (var i = random.Next(0, 8); i > 0; i--)
        {
            var text = FuzzInputs.RandomWellFormedText(random, 6);
            Event(Chunk("{\"content\":" + System.Text.Json.JsonSerializer.Serialize(text) + "}", "null"), text);
        }

        if (random.Next(3) == 0)
        {
            Event(Chunk("{\"tool_calls\":[{\"index\":" + random.Next(3) + ",\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"a\\\"\"}}]}", "null"), null);
        }

        Event(Chunk("{}", "\"" + new[] { "stop", "length", "tool_calls", "content_filter", "something_new" }[random.Next(5)] + "\"", usage: random.Next(2) == 0), null);
        body.Append("data: [DONE]").Append(eol).Append(eol);
        return new StreamCase(HttpStatusCode.OK, "text/event-stream", Encoding.UTF8.GetBytes(body.ToString()), expected);
    }

    /// <summary>Event-stream lines in random order: chunks, [DONE], comments, fields, error events, junk, partial lines, invalid UTF-8.</summary>
    private static StreamCase StructuredStream(Random random)
    {
        var body = new List<byte>();
        void Add(string text) => body.AddRange(Encoding.UTF8.GetBytes(text));
        string Eol() => LineEnds[random.Next(LineEnds.Length)];

        for (var lines = random.Next(1, 24); lines > 0; lines--)
        {
            switch (random.Next(14))
            {
                case 0:
                case 1:
                    Add("data: " + Chunk("{\"content\":" + FuzzInputs.JsonString(random, FuzzInputs.RandomText(random, 4)) + "}", "null") + Eol());
                    break;
                case 2:
                    Add("data: [DONE]" + Eol());
                    break;
                case 3:
                    Add(": " + FuzzInputs.RandomWellFormedText(random, 4).ReplaceLineEndings(" ") + Eol());
                    break;
                case 4:
                    Add(new[] { "event: error", "event: message", "id: 7", "retry: 100", "retry: x", "data", "data:", ":" }[random.Next(8)] + Eol());
                    break;
                case 5:
                    Add("data: " + FuzzInputs.ValidEnvelope(random).ReplaceLineEndings(" ") + Eol());
                    break;
                case 6:
                    Add("data: " + Encoding.UTF8.GetString(FuzzInputs.TokenSoup(random, 12)).ReplaceLineEndings(" ") + Eol());
                    break;
                case 7:
                    // A data field split over several lines: the parser joins them with a line feed.
                    Add("data: {\"id\":\"c\"," + Eol() + "data: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}" + Eol());
                    break;
                case 8:
                    body.AddRange(FuzzInputs.RandomBytes(random, 24));
                    break;
                case 9:
                    body.AddRange(new byte[][] { [0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82] }[random.Next(4)]);
                    break;
                case 10:
                    Add("data: " + Chunk("{\"content\":\"ok\"}", "null")[..random.Next(1, 60)]); // a partial line
                    break;
                case 11:
                    Add("data: " + FuzzInputs.DeepNesting(random) + Eol());
                    break;
                default:
                    Add(Eol());
                    break;
            }
        }

        return new StreamCase(HttpStatusCode.OK, "text/event-stream", [.. body], null);
    }

    /// <summary>Random bytes as a stream, a JSON body where events were expected, an error status, no content type.</summary>
    private static StreamCase OddResponse(Random random) => random.Next(4) switch
    {
        0 => new StreamCase(HttpStatusCode.OK, "text/event-stream", FuzzInputs.RandomBytes(random, 400), null),
        1 => new StreamCase(HttpStatusCode.OK, "application/json", FuzzInputs.Mutate(random, Encoding.UTF8.GetBytes(FuzzInputs.ValidEnvelope(random))), null),
        2 => new StreamCase(new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, (HttpStatusCode)302 }[random.Next(5)], random.Next(2) == 0 ? "application/json" : "text/html", FuzzInputs.Mutate(random, Encoding.UTF8.GetBytes(FuzzInputs.ValidEnvelope(random))), null),
        _ => new StreamCase(HttpStatusCode.OK, random.Next(2) == 0 ? null : "text/plain", CleanStream(random).Body, null),
    };

    private static string Chunk(string deltaJson, string finish, bool usage = false) =>
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1704067200,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,\"delta\":"
        + deltaJson + ",\"finish_reason\":" + finish + "}]"
        + (usage ? ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}" : string.Empty) + "}";

    private sealed record StreamCase(HttpStatusCode Status, string? ContentType, byte[] Body, List<string?>? Expected);
}
