using System.Net;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests;

public sealed class RawRequestTests
{
    private static MythicDotClient CreateClient(MockHttpMessageHandler mock) =>
        new(mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-raw", BaseUrl = new Uri("https://api.test/v1/"), JitterSource = () => 0 });

    [Fact]
    public async Task SendRequestAsync_PostWithBody_SendsJsonWithAuthAndReturnsBodyAndMetadata()
    {
        string? sent = null;
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, "https://api.test/v1/moderations")
            .WithHeaders("Authorization", "Bearer sk-raw")
            .WithHeaders("Content-Type", "application/json")
            .Respond(async request =>
            {
                sent = await request.Content!.ReadAsStringAsync();
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"flagged":false}""", System.Text.Encoding.UTF8, "application/json") };
                response.Headers.Add("x-request-id", "req_raw");
                return response;
            });
        using var body = JsonDocument.Parse("""{"input":"hello"}""");

        var result = await CreateClient(mock).SendRequestAsync(HttpMethod.Post, "/moderations", body.RootElement, TestContext.Current.CancellationToken);

        Assert.Equal("""{"input":"hello"}""", sent);
        Assert.False(result.Body.GetProperty("flagged").GetBoolean());
        Assert.Equal("req_raw", result.Response!.RequestId);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task SendRequestAsync_EmptyResponseBody_ReturnsUndefinedBody()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Delete, "https://api.test/v1/files/file-1").Respond(HttpStatusCode.NoContent);

        var result = await CreateClient(mock).SendRequestAsync(HttpMethod.Delete, "files/file-1", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(JsonValueKind.Undefined, result.Body.ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, result.Response!.StatusCode);
    }

    [Fact]
    public async Task SendRequestAsync_ErrorResponse_ThrowsTypedError()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("https://api.test/v1/batches/b1").Respond(HttpStatusCode.NotFound, "application/json",
            """{"success":false,"message":"No such batch","code":"resource_not_found","request_id":"req_nf"}""");

        var error = await Assert.ThrowsAsync<NotFoundError>(() => CreateClient(mock).SendRequestAsync(HttpMethod.Get, "batches/b1", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCodes.ResourceNotFound, error.Code);
        Assert.Equal("req_nf", error.RequestId);
    }

    [Fact]
    public async Task SendRequestAsync_PerCallRetriesAndHeaders_AreApplied()
    {
        var mock = new MockHttpMessageHandler();
        var handler = mock.When("https://api.test/v1/responses").WithHeaders("mythicdot-beta", "responses-v1").Respond(HttpStatusCode.InternalServerError);
        var options = new RequestOptions { MaxRetries = 0 };
        options.Headers["mythicdot-beta"] = "responses-v1";

        await Assert.ThrowsAsync<InternalServerError>(() => CreateClient(mock).SendRequestAsync(HttpMethod.Get, "responses", null, options, TestContext.Current.CancellationToken));

        Assert.Equal(1, mock.GetMatchCount(handler));
    }

    [Theory]
    [InlineData("https://evil.test/steal")]
    [InlineData("//evil.test/steal")]
    [InlineData("")]
    public void SendRequestAsync_AbsoluteOrEmptyPath_IsRefusedBeforeSending(string path)
    {
        var mock = new MockHttpMessageHandler();

        var client = CreateClient(mock);

        Assert.ThrowsAny<ArgumentException>(() => { _ = client.SendRequestAsync(HttpMethod.Get, path, cancellationToken: TestContext.Current.CancellationToken); });
    }
}
