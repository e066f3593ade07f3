using System.Net;
using System.Reflection;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Errors;

/// <summary>What real servers send that the error mapping must still read: long bodies, byte-order marks, mismatched codes.</summary>
public sealed class ErrorBodyHardeningTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    /// <summary>Every documented code and the exception type it maps to, and whether it is transient.</summary>
    public static TheoryData<string, Type, bool> Codes => new()
    {
        { ErrorCodes.AuthenticationError, typeof(AuthenticationError), false },
        { ErrorCodes.InvalidApiKey, typeof(AuthenticationError), false },
        { ErrorCodes.PermissionError, typeof(PermissionDeniedError), false },
        { ErrorCodes.InvalidRequest, typeof(BadRequestError), false },
        { ErrorCodes.ParameterMissing, typeof(BadRequestError), false },
        { ErrorCodes.ParameterInvalid, typeof(BadRequestError), false },
        { ErrorCodes.ContentTooLarge, typeof(BadRequestError), false },
        { ErrorCodes.ResourceNotFound, typeof(NotFoundError), false },
        { ErrorCodes.ModelNotFound, typeof(NotFoundError), false },
        { ErrorCodes.ProviderNotFound, typeof(NotFoundError), false },
        { ErrorCodes.RateLimitExceeded, typeof(RateLimitError), true },
        { ErrorCodes.ConcurrentLimitExceeded, typeof(RateLimitError), true },
        { ErrorCodes.GenerationFailed, typeof(InternalServerError), true },
        { ErrorCodes.ProviderIncompatible, typeof(BadRequestError), false },
        { ErrorCodes.ProviderExhausted, typeof(InternalServerError), true },
        { ErrorCodes.ContentFiltered, typeof(ContentFilteredError), false },
        { ErrorCodes.ServerError, typeof(InternalServerError), true },
        { ErrorCodes.ServiceUnavailable, typeof(ServiceUnavailableError), true },
    };

    [Fact]
    public void Codes_CoverEveryConstantInErrorCodes()
    {
        var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(constants.Order(StringComparer.Ordinal), Codes.Select(row => (string)row.Data.Item1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task CreateAsync_CodeOnAMismatchingStatus_TypeAndRetryFollowTheCode(string code, Type expected, bool transient)
    {
        // A transient code arrives on a 400, a permanent one on a 500: the status alone would decide the other way.
        var status = transient ? HttpStatusCode.BadRequest : HttpStatusCode.InternalServerError;
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(status, Bodies.Flat(code, requestId: "req_" + i));
        }

        var error = await _api.CatchAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(transient ? 3 : 1, error.Attempts);
        Assert.Equal(transient ? 3 : 1, _api.Requests.Count);
    }

    [Fact]
    public async Task CreateAsync_ShouldRetryFalseOnATransientCode_NotRetried()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Flat(ErrorCodes.RateLimitExceeded), ("x-should-retry", "false"));

        var error = await _api.CatchAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsType<RateLimitError>(error);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData("flat")]
    [InlineData("nested")]
    public async Task CreateAsync_429BodyOverTheCapWithFieldsFirst_TypedWithItsFieldsAndRetriedAfterItsWait(string envelope)
    {
        var padding = new string('x', 200 * 1024);
        var body = envelope == "flat"
            ? "{\"success\":false,\"message\":\"Slow down\",\"code\":\"rate_limit_exceeded\",\"param\":\"messages\",\"request_id\":\"req_long\",\"retry_after\":7,\"details\":\"" + padding + "\"}"
            : "{\"error\":{\"message\":\"Slow down\",\"code\":\"rate_limit_exceeded\",\"param\":\"messages\",\"request_id\":\"req_long\",\"retry_after\":7,\"details\":\"" + padding + "\"}}";
        _api.Enqueue(HttpStatusCode.TooManyRequests, body);
        _api.Enqueue(HttpStatusCode.TooManyRequests, body);

        var error = await _api.CatchAsync(_api.Client(o => o.MaxRetries = 1).Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var rateLimit = Assert.IsType<RateLimitError>(error);
        Assert.Equal("Slow down", rateLimit.Message);
        Assert.Equal(ErrorCodes.RateLimitExceeded, rateLimit.Code);
        Assert.Equal("messages", rateLimit.Param);
        Assert.Equal("req_long", rateLimit.RequestId);
        Assert.Equal(TimeSpan.FromSeconds(7), rateLimit.RetryAfter);
        Assert.Equal(64 * 1024, rateLimit.ResponseBody!.Length);
        Assert.Equal([TimeSpan.FromSeconds(7)], _api.Clock.Sleeps);
    }

    [Fact]
    public async Task CreateAsync_500BodyOverTheCapWithCodeFirst_TypedByTheCode()
    {
        _api.Enqueue(HttpStatusCode.InternalServerError, "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Bad key\",\"trace\":\"" + new string('t', 100_000) + "\"}}");

        var error = await _api.CatchAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsType<AuthenticationError>(error);
        Assert.Equal("Bad key", error.Message);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_SuccessBodyWithByteOrderMark_Read()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, [.. Bom, .. Encoding.UTF8.GetBytes(Bodies.ChatCompletion)]);

        var completion = await _api.RunAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Paris.", completion.Choices[0].Message.Content);
    }

    [Fact]
    public async Task ListAsync_SuccessBodyWithByteOrderMark_ReadByTheDeserializer()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, [.. Bom, .. """{"object":"list","data":[{"id":"mythic-4","object":"model","created":1,"owned_by":"mythicdot"}]}"""u8.ToArray()]);

        var models = await _api.RunAsync(_api.Client().Models.ListAsync());

        Assert.Equal("mythic-4", Assert.Single(models).Id);
    }

    [Fact]
    public async Task CreateAsync_ErrorBodyWithByteOrderMark_TypedWithItsFields()
    {
        _api.EnqueueBytes(HttpStatusCode.BadRequest, [.. Bom, .. Encoding.UTF8.GetBytes(Bodies.Flat(ErrorCodes.ParameterInvalid, "Bad temperature", param: "temperature"))]);

        var error = await _api.CatchAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsType<BadRequestError>(error);
        Assert.Equal("Bad temperature", error.Message);
        Assert.Equal("temperature", error.Param);
        Assert.DoesNotContain('\uFEFF', error.ResponseBody!);
    }

    [Fact]
    public async Task CreateAsync_SuccessFalseOn200WithByteOrderMark_TypedError()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, [.. Bom, .. Encoding.UTF8.GetBytes(Bodies.Flat(ErrorCodes.ModelNotFound, "No such model"))]);

        var error = await _api.CatchAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.IsType<NotFoundError>(error);
        Assert.Equal("No such model", error.Message);
    }
}
