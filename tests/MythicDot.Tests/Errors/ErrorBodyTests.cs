using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Errors;

/// <summary>Bodies that are not the JSON the API documents: the right type anyway, a readable message, never a JsonException.</summary>
public sealed class ErrorBodyTests : IDisposable
{
    private const string HtmlPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_Html502Page_ThrowsInternalServerErrorWithStartOfBody()
    {
        _api.EnqueueBytes(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes(HtmlPage), "text/html");
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<InternalServerError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.StartsWith("HTTP 502 (Bad Gateway): <html><head><title>502 Bad Gateway", error.Message, StringComparison.Ordinal);
        Assert.Equal(HtmlPage, error.ResponseBody);
        Assert.Null(error.Code);
        Assert.Null(error.InnerException);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_LongNonJsonBody_MessageHoldsOnlyTheStartOfIt()
    {
        var page = "<html>" + new string('x', 5000) + "</html>";
        _api.EnqueueBytes(HttpStatusCode.ServiceUnavailable, Encoding.UTF8.GetBytes(page), "text/html");
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await _api.FailsAsync<ServiceUnavailableError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.StartsWith("HTTP 503 (Service Unavailable): <html>xxx", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, "message length " + error.Message.Length);
        Assert.Equal(page, error.ResponseBody);
    }

    [Theory]
    [InlineData(400, typeof(BadRequestError), "HTTP 400 (Bad Request)")]
    [InlineData(401, typeof(AuthenticationError), "HTTP 401 (Unauthorized)")]
    [InlineData(404, typeof(NotFoundError), "HTTP 404 (Not Found)")]
    [InlineData(429, typeof(RateLimitError), "HTTP 429 (Too Many Requests)")]
    [InlineData(500, typeof(InternalServerError), "HTTP 500 (Internal Server Error)")]
    [InlineData(502, typeof(InternalServerError), "HTTP 502 (Bad Gateway)")]
    public async Task CreateAsync_EmptyErrorBody_ThrowsTypeOfStatusWithStatusMessage(int status, Type expected, string message)
    {
        _api.EnqueueBytes((HttpStatusCode)status, []);
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType(expected, error, exactMatch: true);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(message, error.Message);
        Assert.Null(error.ResponseBody);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData("[1,2,3]", "HTTP 500 (Internal Server Error): [1,2,3]")]
    [InlineData("null", "HTTP 500 (Internal Server Error): null")]
    [InlineData("\"just a string\"", "HTTP 500 (Internal Server Error): \"just a string\"")]
    [InlineData("{\"message\":", "HTTP 500 (Internal Server Error): {\"message\":")]
    [InlineData("   ", "HTTP 500 (Internal Server Error)")]
    public async Task CreateAsync_ErrorBodyThatIsNotAnEnvelope_ThrowsTypeOfStatus(string body, string message)
    {
        _api.Enqueue(HttpStatusCode.InternalServerError, body);
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType<InternalServerError>(error);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(message, error.Message);
        Assert.Null(error.Code);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_ErrorBodyWithInvalidUtf8_ThrowsTypeOfStatusWithoutJsonException()
    {
        byte[] body = [.. "{\"message\":\""u8, 0xFF, 0xFE, 0xC3, .. "\",\"code\":\"server_error\"}"u8];
        _api.EnqueueBytes(HttpStatusCode.BadRequest, body);
        var client = _api.Client(o => o.MaxRetries = 0);

        var error = await CatchAsync(client);

        Assert.IsType<BadRequestError>(error);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith("HTTP 400 (Bad Request): {\"message\":\"", error.Message, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', error.ResponseBody!);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task CreateAsync_UnknownStatusWithoutReason_MessageNamesTheStatus()
    {
        _api.EnqueueBytes((HttpStatusCode)418, []);
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<ApiError>(error);
        Assert.StartsWith("HTTP 418 (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OneMegabyteErrorBody_ResponseBodyCappedAt64KiB()
    {
        var body = "{\"message\":\"" + new string('a', 1024 * 1024) + "\"}";
        _api.Enqueue(HttpStatusCode.BadRequest, body);
        var client = _api.Client();

        var error = await CatchAsync(client);

        Assert.IsType<BadRequestError>(error);
        Assert.NotNull(error.ResponseBody);
        Assert.True(error.ResponseBody.Length <= 65536, "ResponseBody length " + error.ResponseBody.Length);
        Assert.StartsWith("{\"message\":\"aaaa", error.ResponseBody, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, "message length " + error.Message.Length);
    }

    [Theory]
    [InlineData("<html>OK</html>")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"id\":\"chatcmpl-1\",\"choices\":[")]
    [InlineData("{\"id\":42,\"choices\":\"nope\"}")]
    public async Task CreateAsync_SuccessBodyNotAChatCompletion_ThrowsApiErrorNotJsonException(string body)
    {
        _api.Enqueue(HttpStatusCode.OK, body, ("x-request-id", "req_ok"));
        var client = _api.Client();

        var error = await _api.FailsAsync<ApiError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.StartsWith("The API's response could not be read: HTTP 200", error.Message, StringComparison.Ordinal);
        Assert.Equal("req_ok", error.RequestId);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_SuccessBodyNotJson_MessageNamesStatusAndStartOfBody()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes("<html>OK</html>"), "text/html");
        var client = _api.Client();

        var error = await _api.FailsAsync<ApiError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("The API's response could not be read: HTTP 200 (OK): <html>OK</html>", error.Message);
        Assert.Equal("<html>OK</html>", error.ResponseBody);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "OK")]
    [InlineData(HttpStatusCode.BadGateway, "Bad Gateway")]
    [InlineData(HttpStatusCode.TooManyRequests, "Too Many Requests")]
    [InlineData(HttpStatusCode.HttpVersionNotSupported, "Http Version Not Supported")]
    public void UnreadableBody_NoReasonPhrase_ReasonSpelledOut(HttpStatusCode status, string reason)
    {
        using var response = new HttpResponseMessage(status);

        var error = MythicDot.Errors.ErrorMapper.UnreadableBody(status, response.Headers, "x"u8, null, apiKey: null);

        Assert.Equal($"The API's response could not be read: HTTP {(int)status} ({reason}): x", error.Message);
    }

    [Fact]
    public async Task CreateAsync_SuccessBodyWithInvalidUtf8_ThrowsApiErrorNotDecoderException()
    {
        byte[] body = [.. "{\"id\":\"chatcmpl-"u8, 0xFF, 0xFE, .. "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[]}"u8];
        _api.EnqueueBytes(HttpStatusCode.OK, body);
        var client = _api.Client();

        var error = await _api.FailsAsync<ApiError>(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task ListAsync_SuccessBodyNotJson_ThrowsApiError()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes("<html>maintenance</html>"), "text/html");
        var client = _api.Client();

        var error = await _api.FailsAsync<ApiError>(client.Models.ListAsync());

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("<html>maintenance</html>", error.Message, StringComparison.Ordinal);
        Assert.Single(_api.Requests);
    }

    private Task<ApiError> CatchAsync(MythicDotClient client) => _api.CatchAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));
}
