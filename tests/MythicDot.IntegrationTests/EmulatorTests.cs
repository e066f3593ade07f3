using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>The emulator's own contract, checked with a plain <see cref="HttpClient"/> so that the SDK's validation is not in the way.</summary>
public sealed class EmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_Default_ListensOnLoopbackWithFreePortAndDefaultKey()
    {
        await using var first = await MythicDotEmulator.StartAsync(Ct);
        await using var second = await MythicDotEmulator.StartAsync(Ct);

        Assert.Equal("127.0.0.1", first.BaseUrl.Host);
        Assert.Equal("/v1/", first.BaseUrl.AbsolutePath);
        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
        Assert.Equal("sk-emulator-key", first.ApiKey);
        Assert.Equal(first.BaseUrl, first.CreateClientOptions().BaseUrl);
        Assert.Equal(first.ApiKey, first.CreateClientOptions().ApiKey);
    }

    [Fact]
    public async Task StartAsync_EmptyApiKey_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { ApiKey = " " }, Ct));
    }

    [Fact]
    public async Task PostChatCompletions_MissingModel_Returns400ParameterMissingWithParam()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, body) = await PostChatAsync(emulator, """{"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.ParameterMissing, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("model", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("""{"model":"mythic-4"}""")]
    [InlineData("""{"model":"mythic-4","messages":[]}""")]
    public async Task PostChatCompletions_MissingOrEmptyMessages_Returns400ParameterMissingWithParam(string json)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, body) = await PostChatAsync(emulator, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.ParameterMissing, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("messages", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task PostChatCompletions_InvalidJson_Returns400InvalidRequest()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, body) = await PostChatAsync(emulator, """{"model":"mythic-4",""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.InvalidRequest, body.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("-0.1")]
    [InlineData("\"hot\"")]
    public async Task PostChatCompletions_TemperatureOutsideZeroToTwo_Returns400ParameterInvalid(string temperature)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, body) = await PostChatAsync(emulator, $$"""{"model":"mythic-4","messages":[{"role":"user","content":"Hi"}],"temperature":{{temperature}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.ParameterInvalid, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("temperature", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task PostChatCompletions_UnknownModel_Returns404ModelNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, body) = await PostChatAsync(emulator, """{"model":"gpt-x","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model.notfound", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetModels_NoAuthorization_Returns401InvalidApiKey()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.BaseUrl, "models"), Ct);
        using var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(ErrorCodes.InvalidApiKey, error.GetProperty("code").GetString());
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetModels_WrongKey_Returns401WithoutEchoingTheKey()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseUrl, "models"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-secret-wrong");

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("sk-secret-wrong", text, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Value.Any(v => v.Contains("sk-secret-wrong", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetUnknownPath_Always_Returns404ResourceNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        using var response = await SendAsync(emulator, HttpMethod.Get, "vector_stores");
        using var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ErrorCodes.ResourceNotFound, body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnyResponse_SuccessErrorOrFault_CarriesRequestIdAndRateLimitHeaders()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Html(502));
        using var faulted = await SendAsync(emulator, HttpMethod.Get, "models");
        using var rejected = await SendAsync(emulator, HttpMethod.Get, "models/nope");
        using var served = await SendAsync(emulator, HttpMethod.Get, "models");

        Assert.All([faulted, rejected, served], response =>
        {
            Assert.True(response.Headers.Contains("x-request-id"));
            foreach (var name in new[] { "limit-requests", "limit-tokens", "remaining-requests", "remaining-tokens", "reset-requests", "reset-tokens" })
            {
                Assert.True(response.Headers.Contains("x-ratelimit-" + name), "x-ratelimit-" + name);
            }
        });
        Assert.Equal(
            emulator.Requests.Select(r => r.RequestId),
            new[] { faulted, rejected, served }.Select(r => r.Headers.GetValues("x-request-id").Single()));
    }

    [Fact]
    public async Task Requests_RecordTheStatusAnswered_NoneForAReset()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429));
        emulator.EnqueueFault(EmulatorFault.Html(502));
        using var limited = await SendAsync(emulator, HttpMethod.Get, "models");
        using var gateway = await SendAsync(emulator, HttpMethod.Get, "models");
        using var missing = await SendAsync(emulator, HttpMethod.Get, "models/nope");
        using var served = await SendAsync(emulator, HttpMethod.Get, "models");
        emulator.EnqueueFault(EmulatorFault.Reset());
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(emulator, HttpMethod.Get, "models"));

        Assert.Equal([429, 502, 404, 200, null], emulator.Requests.Select(r => r.StatusCode));
        Assert.Contains("answered 429", emulator.Requests[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("answered", emulator.Requests[4].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusFault_FlatEnvelope_BodyCarriesRequestIdOfHeader()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", RetryAfterForm.Body(30), ErrorEnvelope.Flat, param: "messages"));

        using var response = await SendAsync(emulator, HttpMethod.Get, "models");
        using var body = await ReadJsonAsync(response);

        var root = body.RootElement;
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.False(root.GetProperty("success").GetBoolean());
        Assert.Equal("Rate limit exceeded", root.GetProperty("message").GetString());
        Assert.Equal(ErrorCodes.RateLimitExceeded, root.GetProperty("code").GetString());
        Assert.Equal("messages", root.GetProperty("param").GetString());
        Assert.Equal(30, root.GetProperty("retry_after").GetDouble());
        Assert.Equal(response.Headers.GetValues("x-request-id").Single(), root.GetProperty("request_id").GetString());
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task StatusFault_NestedEnvelope_BodyHasErrorObject()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(401, ErrorCodes.InvalidApiKey, "Revoked", envelope: ErrorEnvelope.Nested, param: "api_key"));

        using var response = await SendAsync(emulator, HttpMethod.Get, "models");
        using var body = await ReadJsonAsync(response);

        var error = body.RootElement.GetProperty("error");
        Assert.Equal("Revoked", error.GetProperty("message").GetString());
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("api_key", error.GetProperty("param").GetString());
        Assert.Equal(ErrorCodes.InvalidApiKey, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task StatusFault_EachRetryAfterForm_SendsTheMatchingHeader()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.Seconds(2)));
        emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.HttpDate(TimeSpan.FromSeconds(90))));
        emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.Milliseconds(1500)));

        using var seconds = await SendAsync(emulator, HttpMethod.Get, "models");
        using var date = await SendAsync(emulator, HttpMethod.Get, "models");
        using var milliseconds = await SendAsync(emulator, HttpMethod.Get, "models");

        Assert.Equal("2", seconds.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Wed, 01 Jan 2025 12:01:30 GMT", date.Headers.GetValues("Retry-After").Single());
        Assert.Equal("1500", milliseconds.Headers.GetValues("retry-after-ms").Single());
        Assert.False(milliseconds.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task EnqueueFault_Several_ServedOnePerRequestInOrder()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(500));
        emulator.EnqueueFault(EmulatorFault.Status(503));

        using var first = await SendAsync(emulator, HttpMethod.Get, "models");
        using var second = await SendAsync(emulator, HttpMethod.Get, "models");
        using var third = await SendAsync(emulator, HttpMethod.Get, "models");

        Assert.Equal(
            [HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            new[] { first, second, third }.Select(r => r.StatusCode));
        Assert.Equal(0, emulator.PendingFaultCount);
    }

    [Fact]
    public async Task EnqueueFault_WithPath_AppliesOnlyToRequestsForThatPath()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503), path: "chat/completions");

        using var models = await SendAsync(emulator, HttpMethod.Get, "models");
        var (chatStatus, _) = await PostChatAsync(emulator, """{"model":"mythic-4","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, chatStatus);
    }

    [Fact]
    public async Task RecordedRequest_ToString_RedactsAuthorization()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        using var response = await SendAsync(emulator, HttpMethod.Get, "models?limit=2");

        var request = Assert.Single(emulator.Requests);
        var text = request.ToString();
        Assert.Equal("?limit=2", request.Query);
        Assert.Contains("GET /v1/models?limit=2", text, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordedRequest_Always_ReceivedAtFromEmulatorClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);

        using var response = await SendAsync(emulator, HttpMethod.Get, "models");

        Assert.Equal(clock.GetUtcNow(), Assert.Single(emulator.Requests).ReceivedAt);
    }

    [Fact]
    public async Task ClearRequests_AfterRequests_EmptiesTheRecord()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var response = await SendAsync(emulator, HttpMethod.Get, "models");

        emulator.ClearRequests();

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task DisposeAsync_WithStalledRequest_EndsItAndStopsListening()
    {
        var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Stall());
        using var http = new HttpClient();
        var stalled = SendAsync(emulator, HttpMethod.Get, "models", http);
        await emulator.WaitForRequestsAsync(1);

        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await Assert.ThrowsAsync<HttpRequestException>(() => stalled);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(
            () => socket.ConnectAsync(IPAddress.Loopback, emulator.BaseUrl.Port, Ct).AsTask());
        Assert.Throws<ObjectDisposedException>(() => emulator.EnqueueFault(EmulatorFault.Reset()));
    }

    private static async Task<HttpResponseMessage> SendAsync(MythicDotEmulator emulator, HttpMethod method, string path, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(emulator.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        if (http is not null)
        {
            return await http.SendAsync(request, Ct);
        }

        using var owned = new HttpClient();
        return await owned.SendAsync(request, Ct);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostChatAsync(MythicDotEmulator emulator, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "chat/completions"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        using var response = await http.SendAsync(request, Ct);
        using var body = await ReadJsonAsync(response);
        return (response.StatusCode, body.RootElement.Clone());
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
}
