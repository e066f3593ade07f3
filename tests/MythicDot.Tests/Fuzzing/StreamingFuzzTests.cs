using System.Net;
using System.Text;
using CsCheck;
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

    /// <summary>How the transport hands out the stream: big or tiny reads, one in eight streams with some reads completing asynchronously.</summary>
    private static readonly Gen<ReadPlan> Reads = Gen.Select(
        Gen.OneOf(Gen.Int[1, 4096].Array[1, 16], Gen.Int[1, 7].Array[1, 16]),
        Gen.Frequency((7, Gen.Const(Array.Empty<bool>())), (1, FuzzInputs.OneIn(16).Array[1, 32])),
        (sizes, yields) => new ReadPlan(sizes, yields));

    private static readonly Gen<string> LineEnd = Gen.OneOf(LineEnds);

    /// <summary>What may come before an event's data line, and how the data line starts.</summary>
    private static readonly Gen<EventStyle> Style = Gen.Select(
        FuzzInputs.OneIn(4), Gen.Int.NonNegative.Nullable(5 / 6.0), FuzzInputs.OneIn(5), (keepAlive, id, noSpace) => new EventStyle(keepAlive, id, noSpace));

    /// <summary>A well-formed stream: role chunk, content chunks, last chunk, [DONE]; comments and fields between; any line ends.</summary>
    private static readonly Gen<StreamCase> CleanStream = Gen.Select(
        Gen.Select(LineEnd, FuzzInputs.OneIn(8), Style),
        Gen.Select(FuzzInputs.WellFormedText(6), Style).Array[0, 7],
        Gen.Select(Gen.Int[0, 2], Style).Nullable(2 / 3.0),
        Gen.Select(Gen.OneOf("stop", "length", "tool_calls", "content_filter", "something_new"), Gen.Bool, Style),
        (start, contents, toolCall, last) =>
        {
            var (eol, bom, roleStyle) = start;
            var body = new StringBuilder();
            var expected = new List<string?>();
            if (bom)
            {
                body.Append('\uFEFF');
            }

            void Event(EventStyle style, string data, string? content)
            {
                if (style.KeepAlive)
                {
                    body.Append(": keep-alive").Append(eol).Append(eol);
                }

                if (style.Id is { } id)
                {
                    body.Append("event: message").Append(eol).Append("id: ").Append(id).Append(eol);
                }

                body.Append(style.NoSpace ? "data:" : "data: ").Append(data).Append(eol).Append(eol);
                expected.Add(content);
            }

            Event(roleStyle, Chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"), string.Empty);
            foreach (var (text, style) in contents)
            {
                Event(style, Chunk("{\"content\":" + System.Text.Json.JsonSerializer.Serialize(text) + "}", "null"), text);
            }

            if (toolCall is ({ } index, { } toolStyle))
            {
                Event(toolStyle, Chunk("{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"a\\\"\"}}]}", "null"), null);
            }

            var (reason, usage, lastStyle) = last;
            Event(lastStyle, Chunk("{}", "\"" + reason + "\"", usage), null);
            body.Append("data: [DONE]").Append(eol).Append(eol);
            return new StreamCase(HttpStatusCode.OK, "text/event-stream", Encoding.UTF8.GetBytes(body.ToString()), expected);
        });

    /// <summary>Event-stream lines in any order: chunks, [DONE], comments, fields, error events, junk, partial lines, invalid UTF-8.</summary>
    private static readonly Gen<StreamCase> StructuredStream = Gen.Frequency(
        (2, Gen.Select(FuzzInputs.JsonString(FuzzInputs.Text(4)), LineEnd, (text, eol) => Utf8("data: " + Chunk("{\"content\":" + text + "}", "null") + eol))),
        (1, LineEnd.Select(eol => Utf8("data: [DONE]" + eol))),
        (1, Gen.Select(FuzzInputs.WellFormedText(4), LineEnd, (text, eol) => Utf8(": " + text.ReplaceLineEndings(" ") + eol))),
        (1, Gen.Select(Gen.OneOf("event: error", "event: message", "id: 7", "retry: 100", "retry: x", "data", "data:", ":"), LineEnd, (field, eol) => Utf8(field + eol))),
        (1, Gen.Select(FuzzInputs.ValidEnvelope, LineEnd, (envelope, eol) => Utf8("data: " + envelope.ReplaceLineEndings(" ") + eol))),
        (1, Gen.Select(FuzzInputs.TokenSoup(12), LineEnd, (soup, eol) => Utf8("data: " + Encoding.UTF8.GetString(soup).ReplaceLineEndings(" ") + eol))),

        // A data field split over several lines: the parser joins them with a line feed.
        (1, Gen.Select(LineEnd, LineEnd, (eol1, eol2) => Utf8("data: {\"id\":\"c\"," + eol1 + "data: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}" + eol2))),
        (1, FuzzInputs.Bytes(24)),
        (1, Gen.OneOf<byte[]>([0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82])),
        (1, Gen.Int[1, 59].Select(length => Utf8("data: " + Chunk("{\"content\":\"ok\"}", "null")[..length]))), // a partial line
        (1, Gen.Select(FuzzInputs.DeepNesting, LineEnd, (nesting, eol) => Utf8("data: " + nesting + eol))),
        (2, LineEnd.Select(Utf8)))
        .Array[1, 23]
        .Select(lines => new StreamCase(HttpStatusCode.OK, "text/event-stream", [.. lines.SelectMany(line => line)], null));

    private static readonly Gen<byte[]> MutatedEnvelope = FuzzInputs.Mutated(FuzzInputs.ValidEnvelope.Select(Utf8));

    /// <summary>Random bytes as a stream, a JSON body where events were expected, an error status, no content type.</summary>
    private static readonly Gen<StreamCase> OddResponse = Gen.OneOf(
        FuzzInputs.Bytes(400).Select(body => new StreamCase(HttpStatusCode.OK, "text/event-stream", body, null)),
        MutatedEnvelope.Select(body => new StreamCase(HttpStatusCode.OK, "application/json", body, null)),
        Gen.Select(
            Gen.OneOf(HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, (HttpStatusCode)302),
            Gen.OneOf("application/json", "text/html"),
            MutatedEnvelope,
            (status, contentType, body) => new StreamCase(status, contentType, body, null)),
        Gen.Select(Gen.OneOf<string?>(null, "text/plain"), CleanStream, (contentType, clean) => new StreamCase(HttpStatusCode.OK, contentType, clean.Body, null)));

    [Fact]
    public Task CreateStreamingAsync_ValidStreamsAnyLineEndsAndSplits_YieldEveryChunk() =>
        RunAsync("sse/valid", 2_000, CleanStream);

    [Fact]
    public Task CreateStreamingAsync_StructuredJunk_EndsNormallyOrWithApiError() =>
        RunAsync("sse/structured", 3_000, StructuredStream);

    [Fact]
    public Task CreateStreamingAsync_MutatedStreams_EndsNormallyOrWithApiError() =>
        RunAsync("sse/mutated", 4_000, Gen.Select(CleanStream, FuzzInputs.Mutations, (clean, mutations) => clean with { Body = FuzzInputs.Apply(clean.Body, mutations), Expected = null }));

    [Fact]
    public Task CreateStreamingAsync_RandomBytesAndOddResponses_EndsNormallyOrWithApiError() =>
        RunAsync("sse/responses", 2_000, OddResponse);

    private static async Task RunAsync(string target, int cases, Gen<StreamCase> streams)
    {
        // One handler and client for every case, so the cases run one at a time (threads: 1).
        var handler = new FuzzHandler();
        var client = handler.CreateClient(Key);
        await Fuzz.RunAsync(target, cases, CaseTimeout, Gen.Select(streams, Reads, Gen.Bool), async run =>
        {
            var (input, reads, accumulate) = run;
            handler.Next = () => FuzzHandler.Response(input.Status, new SplitStream(input.Body, reads), input.ContentType);
            var stream = client.Chat.Completions.CreateStreamingAsync(Request);
            var contents = new List<string?>();
            var endedNormally = false;
            try
            {
                if (input.Expected is null && accumulate)
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
        }, run => $"HTTP {(int)run.Item1.Status} {run.Item1.ContentType ?? "(no content type)"}, {run.Item2}{(run.Item1.Expected is null ? run.Item3 ? ", through the accumulator" : ", chunk by chunk" : string.Empty)}: {Fuzz.Escape(run.Item1.Body)}", threads: 1);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Chunk(string deltaJson, string finish, bool usage = false) =>
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1704067200,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,\"delta\":"
        + deltaJson + ",\"finish_reason\":" + finish + "}]"
        + (usage ? ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}" : string.Empty) + "}";

    private sealed record StreamCase(HttpStatusCode Status, string? ContentType, byte[] Body, List<string?>? Expected);

    /// <summary>A keep-alive comment before the event, event and id fields (the id) before its data, "data:" without the space.</summary>
    private sealed record EventStyle(bool KeepAlive, int? Id, bool NoSpace);
}
