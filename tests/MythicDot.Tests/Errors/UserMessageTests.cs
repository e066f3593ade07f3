using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Errors;

/// <summary>UserMessage says what to do about the error.</summary>
public sealed class UserMessageTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task UserMessage_RateLimitErrorWithRetryAfter_SaysHowLongToWait()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("Retry-After", "90"));
        var client = _api.Client();

        var error = await _api.FailsAsync<RateLimitError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Contains("Wait 90 seconds", error.UserMessage, StringComparison.Ordinal);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public void UserMessage_RateLimitErrorWithFractionalWait_RoundsUp()
    {
        var error = new RateLimitError("slow down") { RetryAfter = TimeSpan.FromSeconds(2.1) };

        Assert.Contains("Wait 3 seconds", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMessage_RateLimitErrorWithoutRetryAfter_SaysToWait()
    {
        var error = new RateLimitError("slow down");

        Assert.Contains("Wait a moment", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserMessage_BadRequestErrorWithParam_NamesTheParameter()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Flat(ErrorCodes.ParameterMissing, "messages is required", param: "messages"));
        var client = _api.Client();

        var error = await _api.FailsAsync<BadRequestError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Contains("'messages'", error.UserMessage, StringComparison.Ordinal);
        Assert.Contains("messages is required", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMessage_BadRequestErrorWithoutParam_CarriesTheApiMessage()
    {
        var error = new BadRequestError("The request body is malformed.");

        Assert.Contains("The request body is malformed.", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserMessage_AuthenticationError_MentionsTheKeyVariable()
    {
        _api.Enqueue(HttpStatusCode.Unauthorized, Bodies.Nested(ErrorCodes.InvalidApiKey, "Invalid API key", "invalid_request_error", "api_key"));
        var client = _api.Client();

        var error = await _api.FailsAsync<AuthenticationError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Contains("MYTHICDOT_API_KEY", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserMessage_RequestIdPresent_Appended()
    {
        _api.Enqueue(HttpStatusCode.Forbidden, Bodies.Flat(ErrorCodes.PermissionError, requestId: "req_123abc"));
        var client = _api.Client();

        var error = await _api.FailsAsync<PermissionDeniedError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.EndsWith("(Request id: req_123abc.)", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMessage_NoRequestId_NothingAppended()
    {
        var error = new PermissionDeniedError();

        Assert.DoesNotContain("Request id", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserMessage_ModelNotFound_PointsAtModelList()
    {
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Flat(ErrorCodes.ModelNotFound, "Model mythic-9 not found", param: "model"));
        var client = _api.Client();

        var error = await _api.FailsAsync<NotFoundError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Contains("model", error.UserMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ListAsync", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserMessage_Timeout_SuggestsRaisingTimeout()
    {
        _api.EnqueueHang();
        var client = _api.Client(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 0;
        });

        var error = await _api.FailsAsync<ApiTimeoutError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Contains("Timeout", error.UserMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(ApiError))]
    [InlineData(typeof(ApiConnectionError))]
    [InlineData(typeof(ApiTimeoutError))]
    [InlineData(typeof(BadRequestError))]
    [InlineData(typeof(ContentFilteredError))]
    [InlineData(typeof(AuthenticationError))]
    [InlineData(typeof(PermissionDeniedError))]
    [InlineData(typeof(NotFoundError))]
    [InlineData(typeof(ConflictError))]
    [InlineData(typeof(UnprocessableEntityError))]
    [InlineData(typeof(RateLimitError))]
    [InlineData(typeof(InternalServerError))]
    [InlineData(typeof(ServiceUnavailableError))]
    public void UserMessage_EveryErrorType_SaysMoreThanTheApiMessage(Type type)
    {
        var error = (ApiError)Activator.CreateInstance(type, "api message")!;

        Assert.False(string.IsNullOrWhiteSpace(error.UserMessage));
        Assert.True(error.UserMessage.Length > "api message".Length + 10, error.UserMessage);
    }
}
