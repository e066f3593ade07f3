using System.Globalization;
using System.Net;
using System.Text;
using MythicDot.Errors;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// Hostile bodies cost memory in proportion to what the SDK reads, never more: measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around calls that complete synchronously on the fake transport
/// (asserted, so that no allocation escapes to another thread uncounted).
/// </summary>
public sealed class AllocationTests
{
    private const int Cap = 64 * 1024;
    private const long TenMegabytes = 10L * 1024 * 1024;

    private static readonly FakeTimeProvider Clock = new();

    public static TheoryData<string> CraftedBodies => new() { "long message", "deep nesting", "many members", "escapes", "invalid UTF-8", "HTML page" };

    [Theory]
    [MemberData(nameof(CraftedBodies))]
    public void FromResponse_Crafted64KiBBody_AllocatesAFewCopiesOfTheBodyAtMost(string kind)
    {
        var body = Crafted(kind);
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation("Retry-After", "5");
        Map(body, response); // warm up: JIT and static initialisation are not the body's cost

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Map(body, response);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated"));

        // Text is UTF-16 (2 bytes a character): the body text, and the message or the member names read, are each at
        // most two bodies' worth; measured from 134 KB (junk) to 293 KB (6,000 members).
        var bound = 6L * Cap;
#if SDK_NETSTANDARD2_0
        // The netstandard2.0 build has no Utf8.ToUtf16 and decodes with Encoding.UTF8, whose replacement fallback allocates
        // about 34 bytes per invalid byte: still bounded by the 64 KiB cap (about 2.2 MB), not by the body the server sent.
        if (kind == "invalid UTF-8")
        {
            bound = 40L * Cap;
        }
#endif
        Assert.True(allocated <= bound, string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated to map a {body.Length:N0}-byte body"));
        Assert.IsAssignableFrom<ApiError>(error);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task TenMegabyteErrorBody_ThroughTheTransport_AllocatesFarLessThanTheBody(bool streaming, bool announceLength)
    {
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey);
        GeneratedContent? body = null;
        handler.Next = () =>
        {
            body = new GeneratedContent("{\"error\":{\"message\":\"overloaded"u8.ToArray(), TenMegabytes, "application/json", announceLength);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = body };
        };
        await CallAsync(client, streaming); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var call = CallAsync(client, streaming);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated"));

        Assert.True(call.IsCompleted, "the call must complete synchronously on the fake transport for the count to hold");
        Assert.IsType<ServiceUnavailableError>(await call);
        Assert.InRange(body!.BytesRead, 1, Cap);
        Assert.True(allocated < 1024 * 1024, string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated for a 10 MB error body"));
    }

    [Theory]
    [InlineData("many events")]
    [InlineData("one huge event")]
    public async Task CreateStreamingAsync_OneMegabyteStream_AllocatesInProportionToIt(string kind)
    {
        var events = Encoding.UTF8.GetBytes(kind == "many events" ? ManyEvents(1024 * 1024) : "data: {\"id\":\"" + new string('x', 1024 * 1024) + "\",\"choices\":[]}\n\ndata: [DONE]\n\n");
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey);
        handler.Next = () => FuzzHandler.Response(HttpStatusCode.OK, new MemoryStream(events, writable: false), "text/event-stream");
        await ReadAllAsync(client); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var call = ReadAllAsync(client);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated"));

        Assert.True(call.IsCompleted, "the stream must complete synchronously on the fake transport for the count to hold");
        await call;
        Assert.True(allocated < 12L * events.Length, string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated to read a {events.Length:N0}-byte stream"));
    }

    private static ApiError Map(byte[] body, HttpResponseMessage response) =>
        ErrorMapper.FromResponse(new ErrorResponse(HttpStatusCode.BadRequest, null, response.Headers), body, ErrorBody.TryParse(body), new ErrorContext(Clock, ApiHarness.ApiKey));

    private static byte[] Crafted(string kind)
    {
        var text = kind switch
        {
            "long message" => "{\"success\":false,\"code\":\"parameter_invalid\",\"message\":\"" + new string('m', Cap - 80) + "\"}",
            "deep nesting" => new string('[', Cap),
            "many members" => "{" + string.Concat(Enumerable.Range(0, (Cap / 13) - 2).Select(i => "\"m" + (i % 1000).ToString("000", CultureInfo.InvariantCulture) + "\":12345,")) + "\"message\":\"x\"}",
            "escapes" => "{\"message\":\"" + string.Concat(Enumerable.Repeat("\\u00e9\\n", (Cap - 20) / 8)) + "\"}",
            "invalid UTF-8" => null,
            _ => "<html>" + new string('x', Cap - 13) + "</html>",
        };
        var bytes = text is null ? Enumerable.Repeat((byte)0xFF, Cap).ToArray() : Encoding.UTF8.GetBytes(text);
        Assert.InRange(bytes.Length, Cap - 100, Cap);
        return bytes;
    }

    private static string ManyEvents(int size)
    {
        var text = new StringBuilder(size + 256);
        while (text.Length < size)
        {
            text.Append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"},\"finish_reason\":null}]}\n\n");
        }

        return text.Append("data: [DONE]\n\n").ToString();
    }

    private static async Task<ApiError> CallAsync(MythicDotClient client, bool streaming)
    {
        try
        {
            if (streaming)
            {
                await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest()))
                {
                }
            }
            else
            {
                await client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest());
            }
        }
        catch (ApiError error)
        {
            return error;
        }

        throw new InvalidOperationException("The call succeeded.");
    }

    private static async Task ReadAllAsync(MythicDotClient client)
    {
        await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest()))
        {
        }
    }
}
