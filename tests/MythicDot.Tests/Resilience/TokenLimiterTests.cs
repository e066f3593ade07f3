using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using MythicDot.Chat;
using MythicDot.Embeddings;
using MythicDot.Messages;
using MythicDot.Resilience;
using MythicDot.Responses;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Resilience;

/// <summary>
/// The token budget: every attempt of a generation or embedding call takes its estimated tokens from
/// <see cref="MythicDotClientOptions.TokenLimiter"/> before it is sent; the estimate follows the documentation's rule
/// (about 4 characters per token, +4 per message, +2 for the reply, max_tokens counted) unless a tokenizer is plugged.
/// </summary>
public sealed class TokenLimiterTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public void Estimate_Chat_FollowsTheDocumentedRule()
    {
        var request = new ChatCompletionRequest
        {
            Model = "mythic-4",
            Messages = [ChatMessage.System("You are terse."), ChatMessage.User("What is the capital of France?")],
            MaxTokens = 100,
            N = 2,
        };

        // 2 priming + (4 + ceil(14/4)=4) + (4 + ceil(30/4)=8) + 100 × 2
        Assert.Equal(2 + 8 + 12 + 200, TokenEstimator.Default.Estimate(request));
    }

    [Fact]
    public void Estimate_Chat_CountsImagesToolsAndToolCalls()
    {
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        var request = new ChatCompletionRequest
        {
            Model = "mythic-4-vision",
            Messages =
            [
                ChatMessage.User([ChatContentPart.CreateText("abcd"), ChatContentPart.CreateImageFromUrl(new Uri("https://example.test/a.png"))]),
                ChatMessage.Assistant(null, [ChatToolCall.CreateFunction("call_1", "get_weather", """{"city":"Paris"}""")]),
            ],
            Tools = [ChatTool.CreateFunction("get_weather", "Weather now", schema.RootElement.Clone())],
            MaxCompletionTokens = 10,
        };

        // 2 + (4 + 1 + 85) + (4 + ceil(11/4)=3 + ceil(15/4)=4) + tool (3 + ceil(11/4)=3 + ceil(17/4)=5) + 10
        Assert.Equal(2 + 90 + 11 + 11 + 10, TokenEstimator.Default.Estimate(request));
    }

    [Fact]
    public void Estimate_MessagesResponsesAndEmbeddings()
    {
        var message = new MessageRequest("mythic-4", 50, "Hello there!") { System = "Be brief" };
        var response = new ResponseRequest { Model = "mythic-4", Input = "Hello there!", Instructions = "Be brief", MaxOutputTokens = 50 };
        var embedding = new EmbeddingRequest("embed-1", ["abcdefgh", "abc"]);

        Assert.Equal(2 + 2 + (4 + 3) + 50, TokenEstimator.Default.Estimate(message));
        Assert.Equal(2 + 2 + (4 + 3) + 50, TokenEstimator.Default.Estimate(response));
        Assert.Equal(2 + 1, TokenEstimator.Default.Estimate(embedding));
    }

    [Fact]
    public void Estimate_PluggedCounter_CountsWithIt()
    {
        var words = TokenEstimator.FromCounter(text => text.Split(' ').Length);

        // 2 + 4 + 6 words
        Assert.Equal(12, words.Estimate(new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("one two three four five six")] }));
    }

    [Fact]
    public void Estimate_CounterReturnsNegative_ErrorNamesTheEstimator()
    {
        var broken = TokenEstimator.FromCounter(_ => -1);

        var error = Assert.Throws<InvalidOperationException>(() => broken.Estimate(ApiHarness.ChatRequest()));

        Assert.Contains("counted -1 tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_Huge_Saturates()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("x")], MaxTokens = int.MaxValue, N = 128 };

        Assert.Equal(int.MaxValue, TokenEstimator.Default.Estimate(request));
    }

    [Fact]
    public async Task EveryAttempt_RetriesIncluded_TakesTheEstimate()
    {
        var limiter = new RecordingLimiter();
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Nested("service_unavailable", "Busy"));
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.TokenLimiter = limiter);
        var request = ApiHarness.ChatRequest();
        request.MaxTokens = 20;

        await _api.RunAsync(client.Chat.Completions.CreateAsync(request));

        Assert.Equal([28, 28], limiter.Asked); // 2 + 4 + ceil(6/4)=2 + 20, once per attempt
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task PluggedEstimator_IsWhatTheLimiterIsAskedFor()
    {
        var limiter = new RecordingLimiter();
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => { o.TokenLimiter = limiter; o.TokenEstimator = TokenEstimator.FromCounter(_ => 1000); });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal([2 + 4 + 1000], limiter.Asked);
    }

    [Fact]
    public async Task CallsWithoutAPrompt_TakeNoTokens()
    {
        var limiter = new RecordingLimiter();
        _api.Enqueue(HttpStatusCode.OK, """{"id":"mythic-4","object":"model","created":1,"owned_by":"mythicdot"}""");
        var client = _api.Client(o => o.TokenLimiter = limiter);

        await _api.RunAsync(client.Models.GetAsync("mythic-4"));

        Assert.Empty(limiter.Asked);
    }

    [Fact]
    public async Task EstimateAboveWhatTheLimiterCanGrant_RejectedBeforeSending()
    {
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 5, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 100, AutoReplenishment = false,
        });
        var client = _api.Client(o => o.TokenLimiter = limiter);

        var error = await _api.FailsAsync<RateLimiterRejectedError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("TokenLimiter", error.Limit);
        Assert.Equal(8, error.Permits);
        Assert.Contains("more than the limiter can ever grant", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task QueueFull_RejectedWithTheLimitersWait_NothingSent()
    {
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 100, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(30), QueueLimit = 0, AutoReplenishment = false,
        });
        using (limiter.AttemptAcquire(100))
        {
        }

        var client = _api.Client(o => { o.TokenLimiter = limiter; o.MaxRetries = 3; });

        var error = await _api.FailsAsync<RateLimiterRejectedError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("TokenLimiter", error.Limit);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(1, error.Attempts); // not retried
        Assert.Contains("8 estimated tokens", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task QueuedCallers_SentInOrderAsTokensReplenish_CancelledOneSendsNothing()
    {
        // Each request is estimated at 8 tokens, the bucket's whole size. A manual TryReplenish adds tokens for the real time
        // elapsed since the last one (at most the bucket's size), so each replenish below follows a wait of more than one period.
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 8, TokensPerPeriod = 8, ReplenishmentPeriod = TimeSpan.FromMilliseconds(50), QueueLimit = 100,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = false,
        });
        for (var i = 0; i < 3; i++)
        {
            _api.EnqueueChatCompletion();
        }

        var client = _api.Client(o => o.TokenLimiter = limiter);
        using var cancel = new CancellationTokenSource();
        var first = client.Chat.Completions.CreateAsync(Request("first"));
        await first;
        var second = client.Chat.Completions.CreateAsync(Request("secnd"));
        var cancelled = client.Chat.Completions.CreateAsync(Request("cancl"), cancel.Token);
        var third = client.Chat.Completions.CreateAsync(Request("third"));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Single(_api.Requests);

        await Task.Delay(TimeSpan.FromMilliseconds(120));
        limiter.TryReplenish();
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _api.Requests.Count);
        Assert.False(third.IsCompleted);

        await Task.Delay(TimeSpan.FromMilliseconds(120));
        limiter.TryReplenish();
        await third.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["first", "secnd", "third"], _api.Requests.Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("messages")[0].GetProperty("content").GetString()));

        static ChatCompletionRequest Request(string text) => new() { Model = "mythic-4", Messages = [ChatMessage.User(text)] };
    }

    [Fact]
    public async Task LimiterThatThrows_RejectedWithItsException()
    {
        var client = _api.Client(o => o.TokenLimiter = new ThrowingLimiter());

        var error = await _api.FailsAsync<RateLimiterRejectedError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("TokenLimiter", error.Limit);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("store unreachable", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void EstimatorWithoutLimiter_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.TokenEstimator = TokenEstimator.Default));

        Assert.Contains("TokenEstimator is set but TokenLimiter is not", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Grants every request and records how many permits each asked for.</summary>
    private sealed class RecordingLimiter : RateLimiter
    {
        public List<int> Asked { get; } = [];

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add(permitCount);
            }

            return new(GrantedLease.Instance);
        }
    }

    private sealed class ThrowingLimiter : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            throw new TimeoutException("store unreachable");
    }
}
