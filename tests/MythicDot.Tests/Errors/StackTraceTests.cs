using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Errors;

/// <summary>Errors surface from the SDK's own frame, never from Polly's <c>Outcome.ThrowIfException</c>.</summary>
public sealed class StackTraceTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task CreateAsync_ApiErrorResponse_StackTraceStartsInTheSdk(int maxRetries)
    {
        for (var i = 0; i <= maxRetries; i++)
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested(ErrorCodes.ServiceUnavailable));
        }

        var error = await _api.CatchAsync(_api.Client(o => o.MaxRetries = maxRetries).Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var trace = error.StackTrace!;
        Assert.DoesNotContain("Polly", trace, StringComparison.Ordinal);
        Assert.StartsWith("   at MythicDot.Internal.ApiTransport", trace, StringComparison.Ordinal);
        Assert.Contains("ApiTransport.SendAsync", trace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStreamingAsync_ErrorStatus_StackTraceStartsInTheSdk()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Nested(ErrorCodes.InvalidRequest));

        var error = await Assert.ThrowsAsync<BadRequestError>(async () =>
        {
            await foreach (var _ in _api.Client().Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.DoesNotContain("Polly", error.StackTrace!, StringComparison.Ordinal);
        Assert.StartsWith("   at MythicDot.Internal.ApiTransport", error.StackTrace!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ConnectionFailure_KeepsTheFailingAttemptsStackInTheCause()
    {
        _api.EnqueueThrow(new HttpRequestException("Connection refused"));

        var error = await _api.FailsAsync<ApiConnectionError>(_api.Client(o => o.MaxRetries = 0).Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.DoesNotContain("Polly", error.StackTrace!, StringComparison.Ordinal);
        Assert.Contains("MockHttp", error.InnerException!.StackTrace!, StringComparison.Ordinal); // where the transport threw
    }
}
