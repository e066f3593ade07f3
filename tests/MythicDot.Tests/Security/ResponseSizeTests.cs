using System.Globalization;
using System.Net;
using System.Text;
using MythicDot.Tests.Fuzzing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>A header never sizes a buffer beyond a small first one, and a successful body has a documented cap.</summary>
public sealed class ResponseSizeTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task CreateAsync_TwoByteBodyClaimingOnePointFiveGigabytes_AllocatesOnlyWhatArrives(HttpStatusCode status)
    {
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey);
        handler.Next = () => new HttpResponseMessage(status) { Content = new LyingLengthContent("{}"u8.ToArray(), 1_500_000_000) };
        await CallAsync(client); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var call = CallAsync(client);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated"));

        Assert.True(call.IsCompleted, "the call must complete synchronously on the fake transport for the count to hold");
        await call;
        Assert.True(allocated < 1024 * 1024, string.Create(CultureInfo.InvariantCulture, $"{allocated:N0} bytes allocated for a 2-byte body"));
    }

    [Fact]
    public async Task CreateAsync_SuccessBodyOverMaxResponseBytes_ThrowsApiErrorNamingTheLimit()
    {
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey, o => o.MaxResponseBytes = 4096);
        GeneratedContent? body = null;
        handler.Next = () =>
        {
            body = new GeneratedContent("{\"id\":\""u8.ToArray(), 10L * 1024 * 1024, "application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = body };
        };

        var error = await Assert.ThrowsAsync<ApiError>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken));

        Assert.Contains("MaxResponseBytes (4,096 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(4097, body!.BytesRead);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task CreateAsync_SuccessBodyOfExactlyMaxResponseBytes_Read()
    {
        var json = Encoding.UTF8.GetBytes(Bodies.ChatCompletion.PadRight(2048));
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey, o => o.MaxResponseBytes = 2048);
        handler.Next = () => FuzzHandler.Response(HttpStatusCode.OK, new MemoryStream(json), "application/json");

        var completion = await client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken);

        Assert.Equal(2048, json.Length);
        Assert.Equal("Paris.", completion.Choices[0].Message.Content);
    }

    [Fact]
    public async Task CreateStreamingAsync_EventsOverMaxResponseBytes_ThrowsApiErrorNamingTheLimit()
    {
        var chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"},\"finish_reason\":null}]}\n\n";
        var events = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(chunk, 100)) + "data: [DONE]\n\n");
        var handler = new FuzzHandler();
        var client = handler.CreateClient(ApiHarness.ApiKey, o => o.MaxResponseBytes = 4096);
        handler.Next = () => FuzzHandler.Response(HttpStatusCode.OK, new MemoryStream(events), "text/event-stream");
        var received = 0;

        var error = await Assert.ThrowsAsync<ApiError>(async () =>
        {
            await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken))
            {
                received++;
            }
        });

        Assert.Contains("MaxResponseBytes (4,096 bytes)", error.Message, StringComparison.Ordinal);
        Assert.InRange(received, 1, 4096 / chunk.Length);
    }

    [Fact]
    public void MaxResponseBytes_Default_HoldsTwoThousandFortyEightEmbeddingsOf3072FloatsAsJson()
    {
        // The longest text a float32 takes in JSON ("-1.1754944E-38"), with its comma, for every value.
        var value = (-1.1754944E-38f).ToString("R", CultureInfo.InvariantCulture) + ",";
        var item = "{\"object\":\"embedding\",\"index\":2047,\"embedding\":[" + string.Concat(Enumerable.Repeat(value, 3072)) + "]},";
        var body = 2048L * item.Length + 200;

        Assert.True(new MythicDotClientOptions().MaxResponseBytes >= body, string.Create(CultureInfo.InvariantCulture, $"{body:N0} bytes"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1023L)]
    [InlineData(3_000_000_000L)]
    public void Constructor_MaxResponseBytesOutOfRange_ThrowsNamingIt(long value)
    {
        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(new MythicDotClientOptions { ApiKey = "sk-x", MaxResponseBytes = value }));

        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    private static async Task CallAsync(MythicDotClient client)
    {
        try
        {
            await client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest());
        }
        catch (ApiError)
        {
            // The two bytes are not a completion, or are an error: either way, what counts is what reading them cost.
        }
    }

    /// <summary>A body whose Content-Length header claims far more than it holds.</summary>
    private sealed class LyingLengthContent(byte[] body, long claimed) : HttpContent
    {
        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(body, writable: false));

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body, 0, body.Length);

        protected override bool TryComputeLength(out long length)
        {
            length = claimed;
            return true;
        }
    }
}
