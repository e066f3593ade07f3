using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Resilience;

/// <summary>What is retried and what is not, the x-should-retry override, and what is thrown when retries run out.</summary>
public sealed class RetryPolicyTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task CreateAsync_TransientStatusThenSuccess_RetriedAndReturnsCompletion(int status)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Flat(code: null));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Paris.", completion.Choices[0].Message.Content);
        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, _api.Requests.Count);
        Assert.Single(_api.Clock.Sleeps);
    }

    [Theory]
    [InlineData(400, typeof(BadRequestError))]
    [InlineData(401, typeof(AuthenticationError))]
    [InlineData(403, typeof(PermissionDeniedError))]
    [InlineData(404, typeof(NotFoundError))]
    [InlineData(409, typeof(ConflictError))]
    [InlineData(422, typeof(UnprocessableEntityError))]
    [InlineData(501, typeof(InternalServerError))]
    public async Task CreateAsync_NonTransientStatus_NotRetried(int status, Type expected)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Flat(code: null));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal(1, error.Attempts);
        Assert.Single(_api.Requests);
        Assert.Empty(_api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_ConnectionFailureThenSuccess_Retried()
    {
        _api.EnqueueThrow(new HttpRequestException("Connection refused (api.mythicdot.test:443)"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_ConnectionFailureEveryTime_ThrowsApiConnectionErrorWithCause()
    {
        var cause = new HttpRequestException("Connection reset by peer");
        _api.EnqueueThrow(cause);
        _api.EnqueueThrow(cause);
        _api.EnqueueThrow(cause);
        var client = _api.Client();

        var error = await _api.FailsAsync<ApiConnectionError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Same(cause, error.InnerException);
        Assert.Contains("Connection reset by peer", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
        Assert.Empty(error.ResponseHeaders);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_IOExceptionFromTransport_ThrowsApiConnectionError()
    {
        _api.EnqueueThrow(new IOException("The response ended prematurely."));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<ApiConnectionError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsType<IOException>(error.InnerException);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData(ErrorCodes.RateLimitExceeded, typeof(RateLimitError))]
    [InlineData(ErrorCodes.ConcurrentLimitExceeded, typeof(RateLimitError))]
    [InlineData(ErrorCodes.ServerError, typeof(InternalServerError))]
    [InlineData(ErrorCodes.GenerationFailed, typeof(InternalServerError))]
    [InlineData(ErrorCodes.ProviderExhausted, typeof(InternalServerError))]
    [InlineData(ErrorCodes.ServiceUnavailable, typeof(ServiceUnavailableError))]
    public async Task CreateAsync_Status200SuccessFalseWithTransientCode_Retried(string code, Type expected)
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(code));
        _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(code));
        _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(code, requestId: "req_last"));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal(code, error.Code);
        Assert.Equal("req_last", error.RequestId);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Theory]
    [InlineData(ErrorCodes.InvalidApiKey, typeof(AuthenticationError))]
    [InlineData(ErrorCodes.ParameterMissing, typeof(BadRequestError))]
    [InlineData(ErrorCodes.ModelNotFound, typeof(NotFoundError))]
    [InlineData(ErrorCodes.ContentFiltered, typeof(ContentFilteredError))]
    [InlineData(ErrorCodes.PermissionError, typeof(PermissionDeniedError))]
    [InlineData(null, typeof(ApiError))]
    public async Task CreateAsync_Status200SuccessFalseWithOtherCode_NotRetried(string? code, Type expected)
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(code));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal(1, error.Attempts);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_501WithServerErrorCode_Retried()
    {
        _api.Enqueue(HttpStatusCode.NotImplemented, Bodies.Flat(ErrorCodes.ServerError));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_400WithShouldRetryTrue_Retried()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Flat(ErrorCodes.InvalidRequest), ("x-should-retry", "true"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, completion.Response!.Attempts);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_503WithShouldRetryFalse_NotRetried()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat(ErrorCodes.ServiceUnavailable), ("x-should-retry", "false"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var error = await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(1, error.Attempts);
        Assert.Single(_api.Requests);
        Assert.Empty(_api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_429WithShouldRetryFalse_NotRetried()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("x-should-retry", "False"), ("Retry-After", "1"));
        var client = _api.Client();

        var error = await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_ShouldRetryGarbage_StatusDecides()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat(code: null), ("x-should-retry", "maybe"));
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, completion.Response!.Attempts);
    }

    [Fact]
    public async Task CreateAsync_RetriesExhausted_ThrowsTypedErrorOfLastAttempt()
    {
        _api.Enqueue(HttpStatusCode.InternalServerError, Bodies.Flat(ErrorCodes.ServerError, "first", requestId: "req_1"));
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, "second", requestId: "req_2"));
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat(ErrorCodes.ServiceUnavailable, "third", requestId: "req_3"));
        var client = _api.Client();

        var error = await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("third", error.Message);
        Assert.Equal("req_3", error.RequestId);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(2, _api.Clock.Sleeps.Count);
    }

    [Fact]
    public async Task CreateAsync_RetriesExhausted_ToStringMentionsAttempts()
    {
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.Enqueue(HttpStatusCode.BadGateway);
        var client = _api.Client();

        var error = await _api.FailsAsync<InternalServerError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(3, error.Attempts);
        Assert.Contains("attempts: 3", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("HTTP 502", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_MaxRetriesZero_OneAttemptOnly()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(1, error.Attempts);
        Assert.Single(_api.Requests);
        Assert.Empty(_api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_DefaultMaxRetries_ThreeAttempts()
    {
        for (var i = 0; i < 4; i++)
        {
            _api.Enqueue(HttpStatusCode.InternalServerError);
        }

        var client = new MythicDotClient(_api.HttpClient, new MythicDotClientOptions
        {
            ApiKey = ApiHarness.ApiKey,
            BaseUrl = ApiHarness.BaseUrl,
            TimeProvider = _api.Clock,
            Timeout = Timeout.InfiniteTimeSpan,
        });

        var error = await _api.FailsAsync<InternalServerError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsMaxRetriesZero_OverridesClient()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.MaxRetries = 5);

        var error = await _api.FailsAsync<ServiceUnavailableError>(
            client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), new RequestOptions { MaxRetries = 0 }));

        Assert.Equal(1, error.Attempts);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsMaxRetriesFour_FiveAttempts()
    {
        for (var i = 0; i < 6; i++)
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        }

        var client = _api.Client(o => o.MaxRetries = 1);

        var error = await _api.FailsAsync<ServiceUnavailableError>(
            client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), new RequestOptions { MaxRetries = 4 }));

        Assert.Equal(5, error.Attempts);
        Assert.Equal(5, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsNegativeMaxRetries_ThrowsArgumentExceptionWithoutSending()
    {
        var client = _api.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), new RequestOptions { MaxRetries = -1 }));

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ListAsync_TransientFailure_RetriedLikeChat()
    {
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[]}""");
        var client = _api.Client();

        var models = await _api.RunAsync(client.Models.ListAsync());

        Assert.Empty(models);
        Assert.Equal(2, models.Response!.Attempts);
        Assert.All(_api.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    private Task<ApiError> CatchAsync(MythicDotClient client) => _api.CatchAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
}
