using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Errors;

/// <summary>Every row of API.md's status and code tables, both envelopes, and where the fields come from.</summary>
public sealed class ErrorMappingTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public static TheoryData<int, Type> Statuses => new()
    {
        { 400, typeof(BadRequestError) },
        { 401, typeof(AuthenticationError) },
        { 403, typeof(PermissionDeniedError) },
        { 404, typeof(NotFoundError) },
        { 408, typeof(ApiError) },
        { 409, typeof(ConflictError) },
        { 418, typeof(ApiError) },
        { 422, typeof(UnprocessableEntityError) },
        { 429, typeof(RateLimitError) },
        { 500, typeof(InternalServerError) },
        { 501, typeof(InternalServerError) },
        { 502, typeof(InternalServerError) },
        { 503, typeof(ServiceUnavailableError) },
        { 504, typeof(InternalServerError) },
    };

    public static TheoryData<string, int, Type> Codes => new()
    {
        { ErrorCodes.AuthenticationError, 401, typeof(AuthenticationError) },
        { ErrorCodes.InvalidApiKey, 401, typeof(AuthenticationError) },
        { ErrorCodes.PermissionError, 403, typeof(PermissionDeniedError) },
        { ErrorCodes.InvalidRequest, 400, typeof(BadRequestError) },
        { ErrorCodes.ParameterMissing, 400, typeof(BadRequestError) },
        { ErrorCodes.ParameterInvalid, 400, typeof(BadRequestError) },
        { ErrorCodes.ContentTooLarge, 400, typeof(BadRequestError) },
        { ErrorCodes.ResourceNotFound, 404, typeof(NotFoundError) },
        { ErrorCodes.ModelNotFound, 404, typeof(NotFoundError) },
        { ErrorCodes.ProviderNotFound, 404, typeof(NotFoundError) },
        { ErrorCodes.RateLimitExceeded, 429, typeof(RateLimitError) },
        { ErrorCodes.ConcurrentLimitExceeded, 429, typeof(RateLimitError) },
        { ErrorCodes.GenerationFailed, 500, typeof(InternalServerError) },
        { ErrorCodes.ProviderIncompatible, 400, typeof(BadRequestError) },
        { ErrorCodes.ProviderExhausted, 500, typeof(InternalServerError) },
        { ErrorCodes.ContentFiltered, 400, typeof(ContentFilteredError) },
        { ErrorCodes.ServerError, 500, typeof(InternalServerError) },
        { ErrorCodes.ServiceUnavailable, 503, typeof(ServiceUnavailableError) },
    };

    public void Dispose() => _api.Dispose();

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task CreateAsync_ErrorStatusWithoutCode_ThrowsTypeOfStatus(int status, Type expected)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Flat(code: null, message: "The API said no"));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Equal("The API said no", error.Message);
        var request = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(ApiHarness.ChatUrl, request.Uri.AbsoluteUri);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task CreateAsync_DocumentedCodeInFlatEnvelope_ThrowsTypeWithAllFields(string code, int status, Type expected)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Flat(code, message: "Detailed message", param: "messages", requestId: "req_123abc"));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal("messages", error.Param);
        Assert.Equal("req_123abc", error.RequestId);
        Assert.Equal("Detailed message", error.Message);
        Assert.Null(error.ErrorType);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task CreateAsync_DocumentedCodeInNestedEnvelope_ThrowsTypeWithAllFields(string code, int status, Type expected)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Nested(code, message: "Nested message", type: "invalid_request_error", param: "api_key"), ("x-request-id", "req_from_header"));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("api_key", error.Param);
        Assert.Equal("Nested message", error.Message);
        Assert.Equal("req_from_header", error.RequestId);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public void ErrorCodes_EveryConstant_IsInTheCodeTable()
    {
        var constants = typeof(ErrorCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order()
            .ToArray();
        var table = Codes.Select(row => (string)row.Data.Item1).Order().ToArray();

        Assert.Equal(18, constants.Length);
        Assert.Equal(constants, table);
    }

    [Fact]
    public async Task CreateAsync_ContentFilteredCode_IsCatchableAsBadRequestError()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Flat(ErrorCodes.ContentFiltered, "Blocked"));
        var client = _api.Client();

        var error = await CatchAsync(client);

        var badRequest = Assert.IsAssignableFrom<BadRequestError>(error);
        Assert.IsType<ContentFilteredError>(badRequest);
        Assert.Equal(ErrorCodes.ContentFiltered, badRequest.Code);
    }

    [Theory]
    [InlineData(400, ErrorCodes.RateLimitExceeded, typeof(RateLimitError))]
    [InlineData(404, ErrorCodes.ServerError, typeof(InternalServerError))]
    [InlineData(500, ErrorCodes.InvalidApiKey, typeof(AuthenticationError))]
    [InlineData(403, ErrorCodes.ModelNotFound, typeof(NotFoundError))]
    [InlineData(400, ErrorCodes.ServiceUnavailable, typeof(ServiceUnavailableError))]
    [InlineData(418, ErrorCodes.ParameterMissing, typeof(BadRequestError))]
    public async Task CreateAsync_CodeDisagreesWithStatus_CodeDecidesType(int status, string code, Type expected)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Flat(code));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData(400, typeof(BadRequestError))]
    [InlineData(404, typeof(NotFoundError))]
    [InlineData(418, typeof(ApiError))]
    public async Task CreateAsync_UnknownCode_StatusDecidesTypeAndCodeIsKept(int status, Type expected)
    {
        _api.Enqueue((HttpStatusCode)status, Bodies.Flat("brand_new_code"));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal("brand_new_code", error.Code);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_RequestIdInBodyAndHeader_BodyWins()
    {
        _api.Enqueue(HttpStatusCode.BadRequest, Bodies.Flat(ErrorCodes.InvalidRequest, requestId: "req_body"), ("x-request-id", "req_header"));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.Equal("req_body", error.RequestId);
        Assert.Equal("req_header", error.ResponseHeaders["x-request-id"]);
    }

    [Fact]
    public async Task CreateAsync_RequestIdOnlyInHeader_TakenFromHeader()
    {
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Flat(ErrorCodes.ModelNotFound), ("x-request-id", "req_header"));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<NotFoundError>(error);
        Assert.Equal("req_header", error.RequestId);
    }

    [Fact]
    public async Task CreateAsync_NoRequestIdAnywhere_RequestIdIsNull()
    {
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Flat(ErrorCodes.ModelNotFound));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.Null(error.RequestId);
    }

    [Fact]
    public async Task CreateAsync_ErrorResponse_CarriesBodyAndHeaders()
    {
        var body = Bodies.Flat(ErrorCodes.ParameterInvalid, param: "temperature");
        _api.Enqueue(HttpStatusCode.BadRequest, body, ("x-ratelimit-remaining-requests", "19"));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.Equal(body, error.ResponseBody);
        Assert.Equal("19", error.ResponseHeaders["X-RateLimit-Remaining-Requests"]);
        Assert.Equal("application/json", error.ResponseHeaders["content-type"]);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task CreateAsync_NestedEnvelopeWithStringError_MessageTaken()
    {
        _api.Enqueue(HttpStatusCode.Unauthorized, """{"error":"Invalid key"}""");
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<AuthenticationError>(error);
        Assert.Equal("Invalid key", error.Message);
    }

    [Fact]
    public async Task CreateAsync_FlatEnvelopeWithRetryAfter_RetryAfterSet()
    {
        _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Flat(ErrorCodes.RateLimitExceeded, retryAfter: 30));
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType<RateLimitError>(error);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public async Task CreateAsync_Status200WithSuccessFalse_ThrowsTypedError()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.Flat(ErrorCodes.InvalidApiKey, "Key revoked", requestId: "req_200"));
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<AuthenticationError>(error);
        Assert.Equal(ErrorCodes.InvalidApiKey, error.Code);
        Assert.Equal("Key revoked", error.Message);
        Assert.Equal("req_200", error.RequestId);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_Status200WithSuccessFalseAndNoCode_ThrowsApiError()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"success":false,"message":"Nope"}""");
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<ApiError>(error);
        Assert.Equal("Nope", error.Message);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_Status200WithSuccessTrue_ReturnsCompletion()
    {
        _api.Enqueue(HttpStatusCode.OK, Bodies.ChatCompletion.Replace("{\"id\"", "{\"success\":true,\"id\"", StringComparison.Ordinal));
        var client = _api.Client();

        var completion = await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Paris.", completion.Choices[0].Message.Content);
        Assert.Single(_api.Requests);
    }

    private Task<ApiError> CatchAsync(MythicDotClient client) => _api.CatchAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
}
