using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>
/// The key never appears in what a streaming error exposes, even when a server or proxy echoes it back; and never in
/// part, where the 64 KiB cap cuts an echoed key in two. (Errors/KeyLeakTests covers the non-streaming failures.)
/// </summary>
public sealed class StreamingKeyLeakTests : IDisposable
{
    private const string Key = ApiHarness.ApiKey;
    private const int Cap = 64 * 1024;
    private const string Chunk = """{"id":"c","object":"chat.completion.chunk","created":1,"model":"mythic-4","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""";

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<string> Echoes => new()
    {
        "401 on open, key in body and header",
        "502 HTML page on open",
        "JSON error where events were expected",
        "error event mid-stream",
        "error event with the key in every field",
        "unreadable event",
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task CreateStreamingAsync_ServerEchoesTheKey_KeyInNothingTheErrorExposes(string echo)
    {
        Enqueue(echo);
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.CatchAsync(ReadAllAsync(client));

        KeyAssert.NotIn(Key, error);
        Assert.Equal("Bearer " + Key, Assert.Single(_api.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task CreateAsync_KeyEchoedWhereTheCapCutsTheBody_NoPartOfTheKeyKept()
    {
        _api.Enqueue(() => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = KeyAcrossTheCap() });
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<BadRequestError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        KeyAssert.NotIn(Key, error);
        Assert.EndsWith("[redacted]", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStreamingAsync_KeyEchoedWhereTheCapCutsTheBody_NoPartOfTheKeyKept()
    {
        _api.Enqueue(() => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = KeyAcrossTheCap() });
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<BadRequestError>(ReadAllAsync(client));

        KeyAssert.NotIn(Key, error);
    }

    /// <summary>An error page whose echoed key starts 20 bytes before the cap, so that only its first 20 characters are read.</summary>
    private static GeneratedContent KeyAcrossTheCap() =>
        new(Encoding.UTF8.GetBytes("<html>" + new string('x', Cap - 20 - 6 - 7) + "Bearer " + Key + "</html>"), Cap * 2, "text/html");

    private void Enqueue(string echo)
    {
        switch (echo)
        {
            case "401 on open, key in body and header":
                _api.Enqueue(HttpStatusCode.Unauthorized, Bodies.Nested(ErrorCodes.InvalidApiKey, "Incorrect API key provided: " + Key), ("X-Echo-Authorization", "Bearer " + Key));
                break;
            case "502 HTML page on open":
                _api.EnqueueBytes(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html><pre>Authorization: Bearer " + Key + "</pre></html>"), "text/html");
                break;
            case "JSON error where events were expected":
                _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(ErrorCodes.PermissionError, "Key " + Key + " may not stream"));
                break;
            case "error event mid-stream":
                EnqueueEvents(Bodies.Nested(ErrorCodes.InvalidApiKey, "Incorrect API key provided: " + Key));
                break;
            case "error event with the key in every field":
                EnqueueEvents("{\"success\":false,\"message\":\"" + Key + "\",\"code\":\"" + Key + "\",\"type\":\"" + Key + "\",\"param\":\"" + Key + "\",\"request_id\":\"" + Key + "\"}");
                break;
            case "unreadable event":
                EnqueueEvents("<html>Bearer " + Key + "</html>");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(echo), echo, null);
        }
    }

    private void EnqueueEvents(string errorEvent) =>
        _api.Enqueue(() =>
        {
            var response = FakeResponses.Create(HttpStatusCode.OK, Encoding.UTF8.GetBytes("data: " + Chunk + "\n\ndata: " + errorEvent + "\n\n"), "text/event-stream");
            response.Headers.TryAddWithoutValidation("X-Echo-Authorization", "Bearer " + Key);
            return response;
        });

    private static async Task ReadAllAsync(MythicDotClient client)
    {
        await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest()))
        {
        }
    }
}
