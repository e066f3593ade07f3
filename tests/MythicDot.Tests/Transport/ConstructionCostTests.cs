using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Transport;

/// <summary>Building a client is cheap: what only a retry needs is built on the first retry, never for a client that does not retry.</summary>
public sealed class ConstructionCostTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public void NewClient_SteadyState_AllocatesAtMostTwoKilobytes()
    {
        var options = new MythicDotClientOptions { ApiKey = ApiHarness.ApiKey, BaseUrl = ApiHarness.BaseUrl };
        for (var i = 0; i < 3; i++)
        {
            _ = new MythicDotClient(options);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var client = new MythicDotClient(options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(client.Chat);
        Assert.True(allocated <= 2048, $"one new MythicDotClient(options) allocated {allocated:N0} B");
    }

    [Fact]
    public async Task SucceedingCalls_NeverBuildARetryPipeline()
    {
        var client = _api.Client();
        _api.EnqueueChatCompletion();
        _api.EnqueueChatCompletion();

        await client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken);
        await client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), new RequestOptions { MaxRetries = 5 }, TestContext.Current.CancellationToken);

        Assert.Equal(0, client.State.PipelinesBuilt);
    }

    [Fact]
    public async Task FirstRetry_BuildsThePipelineOnce_AndLaterRetriesReuseIt()
    {
        var client = _api.Client();
        for (var i = 0; i < 2; i++)
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"busy"}}""");
            _api.EnqueueChatCompletion();
        }

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(1, client.State.PipelinesBuilt);
        Assert.Equal(4, _api.Requests.Count);
    }
}
