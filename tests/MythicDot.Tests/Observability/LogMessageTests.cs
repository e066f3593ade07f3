using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Observability;

/// <summary>Log lines show only the fields a response carried; the structured properties are there either way.</summary>
public sealed class LogMessageTests : IDisposable
{
    private readonly ApiHarness _api = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => _api.Dispose();

    private MythicDotClient Client(int maxRetries = 0) => _api.Client(o =>
    {
        o.LoggerFactory = _logs;
        o.MaxRetries = maxRetries;
    });

    private CapturingLoggerProvider.LogEntry Entry(string name) => Assert.Single(_logs.Entries, e => e.EventId.Name == name);

    [Fact]
    public async Task CreateAsync_ErrorWithoutCodeOrRequestId_LinesOmitThem()
    {
        _api.Enqueue(HttpStatusCode.InternalServerError, "oops");

        await _api.CatchAsync(Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("MythicDot POST chat/completions: attempt 1 failed with InternalServerError (status 500)", Entry("AttemptFailed").Message);
        var failed = Entry("CallFailed");
        Assert.StartsWith("MythicDot POST chat/completions failed after 1 attempt(s) and ", failed.Message, StringComparison.Ordinal);
        Assert.Contains(" ms: InternalServerError: HTTP 500 (Internal Server Error): oops (at ", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("request id", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" ,", failed.Message, StringComparison.Ordinal);
        Assert.Null(failed.Properties["Code"]);
        Assert.Null(failed.Properties["RequestId"]);
    }

    [Fact]
    public async Task CreateAsync_ErrorWithCodeAndRequestId_LinesShowBoth()
    {
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Flat(ErrorCodes.ModelNotFound, "No such model", requestId: "req_9"));

        await _api.CatchAsync(Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("MythicDot POST chat/completions: attempt 1 failed with NotFoundError (status 404, code model.notfound, request id req_9)", Entry("AttemptFailed").Message);
        var failed = Entry("CallFailed");
        Assert.Contains("ms: NotFoundError model.notfound: No such model (request id req_9, at ", failed.Message, StringComparison.Ordinal);
        Assert.Equal("model.notfound", failed.Properties["Code"]);
        Assert.Equal("req_9", failed.Properties["RequestId"]);
        Assert.Equal("MythicDot {Method} {Path}: attempt {Attempt} failed with {ErrorType} ({StatusCode}, {Code}, {RequestId})", Entry("AttemptFailed").Properties["{OriginalFormat}"]);
    }

    [Fact]
    public async Task CreateAsync_ConnectionFailure_AttemptLineHasNoEmptyParentheses()
    {
        _api.EnqueueThrow(new HttpRequestException("Connection refused"));

        await _api.CatchAsync(Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("MythicDot POST chat/completions: attempt 1 failed with ApiConnectionError", Entry("AttemptFailed").Message);
    }

    [Fact]
    public async Task CreateAsync_SuccessWithoutRequestId_LineOmitsIt()
    {
        _api.EnqueueChatCompletion();

        await _api.RunAsync(Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var succeeded = Entry("CallSucceeded");
        Assert.Matches(@"^MythicDot POST chat/completions succeeded with status 200 after 1 attempt\(s\) and [\d.]+ ms$", succeeded.Message);
    }
}
