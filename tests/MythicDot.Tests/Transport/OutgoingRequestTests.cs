using System.Net;
using System.Text.RegularExpressions;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Transport;

/// <summary>What goes on the wire: the complete request on every attempt, with auth and the SDK's headers.</summary>
public sealed partial class OutgoingRequestTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_Retried_EachAttemptSendsSameBodyBytesInFreshMessage()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.Enqueue(HttpStatusCode.BadGateway);
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var requests = _api.Requests;
        Assert.Equal(3, requests.Count);
        Assert.NotNull(requests[0].Body);
        Assert.NotEmpty(requests[0].Body!);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].Body, requests[2].Body);
        Assert.NotSame(requests[0].Message, requests[1].Message);
        Assert.NotSame(requests[1].Message, requests[2].Message);
        Assert.NotSame(requests[0].Message.Content, requests[1].Message.Content);
    }

    [Fact]
    public async Task CreateAsync_Retried_EachAttemptCarriesEveryHeader()
    {
        _api.Enqueue(HttpStatusCode.InternalServerError);
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.ApiVersion = "2025-01-01";
            o.DefaultHeaders["mythicdot-beta"] = "tools-v2";
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, request =>
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal(ApiHarness.ChatUrl, request.Uri.AbsoluteUri);
            Assert.Equal("Bearer " + ApiHarness.ApiKey, request.Header("Authorization"));
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.Equal("2025-01-01", request.Header("mythicdot-version"));
            Assert.Equal("tools-v2", request.Header("mythicdot-beta"));
            Assert.StartsWith("MythicDot-dotnet/", request.Header("User-Agent"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task CreateAsync_AnyCall_SendsBearerKey()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Bearer " + ApiHarness.ApiKey, Assert.Single(_api.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task CreateAsync_AnyCall_SendsJsonContentType()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var request = Assert.Single(_api.Requests);
        Assert.Equal("application/json", request.Message.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task CreateAsync_AnyCall_SendsUserAgentWithVersion()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Matches(UserAgentPattern(), Assert.Single(_api.Requests).Header("User-Agent"));
    }

    [Fact]
    public async Task CreateAsync_NoApiVersion_SendsNoVersionHeader()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Null(Assert.Single(_api.Requests).Header("mythicdot-version"));
    }

    [Fact]
    public async Task CreateAsync_ApiVersionSet_SendsVersionHeader()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.ApiVersion = "2025-01-01");

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("2025-01-01", Assert.Single(_api.Requests).Header("mythicdot-version"));
    }

    [Fact]
    public async Task CreateAsync_DefaultHeaders_Sent()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.DefaultHeaders["mythicdot-beta"] = "tools-v2";
            o.DefaultHeaders["X-Custom"] = "one";
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var request = Assert.Single(_api.Requests);
        Assert.Equal("tools-v2", request.Header("mythicdot-beta"));
        Assert.Equal("one", request.Header("x-custom"));
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsHeaders_SentAndWinOverDefaultHeaders()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.DefaultHeaders["mythicdot-beta"] = "default-beta";
            o.DefaultHeaders["X-Kept"] = "kept";
        });
        var options = new RequestOptions();
        options.Headers["MythicDot-Beta"] = "per-call-beta";
        options.Headers["X-Per-Call"] = "yes";

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options));

        var request = Assert.Single(_api.Requests);
        Assert.Equal("per-call-beta", request.Header("mythicdot-beta"));
        Assert.Equal("kept", request.Header("x-kept"));
        Assert.Equal("yes", request.Header("x-per-call"));
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsHeaders_OnlyForThatCall()
    {
        _api.EnqueueChatCompletion();
        _api.EnqueueChatCompletion();
        var client = _api.Client();
        var options = new RequestOptions();
        options.Headers["mythicdot-beta"] = "once";

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options));
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("once", _api.Requests[0].Header("mythicdot-beta"));
        Assert.Null(_api.Requests[1].Header("mythicdot-beta"));
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsSetsAuthorization_ThrowsArgumentExceptionWithoutSending()
    {
        var client = _api.Client();
        var options = new RequestOptions();
        options.Headers["Authorization"] = "Bearer other";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options));

        Assert.Contains("Authorization", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_RequestOptionsHeaderWithNewline_ThrowsArgumentExceptionWithoutSending()
    {
        var client = _api.Client();
        var options = new RequestOptions();
        options.Headers["X-Injected"] = "a\r\nX-Evil: 1";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options));

        Assert.Contains("X-Injected", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ListAsync_GetRequest_SendsNoBodyButAuth()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[]}""");
        var client = _api.Client();

        await _api.RunAsync(client.Models.ListAsync());

        var request = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Null(request.Body);
        Assert.Equal("Bearer " + ApiHarness.ApiKey, request.Header("Authorization"));
    }

    [Theory]
    [InlineData("https://api.mythicdot.test/v1", "https://api.mythicdot.test/v1/chat/completions")]
    [InlineData("https://api.mythicdot.test/v1/", "https://api.mythicdot.test/v1/chat/completions")]
    [InlineData("https://gateway.test/proxy/mythic/v1", "https://gateway.test/proxy/mythic/v1/chat/completions")]
    public async Task CreateAsync_BaseUrlWithOrWithoutSlash_PathAppended(string baseUrl, string expected)
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.BaseUrl = new Uri(baseUrl));

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(expected, Assert.Single(_api.Requests).Uri.AbsoluteUri);
        Assert.EndsWith("/", client.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SharedClientConcurrentCallsWithRetries_EachCallCompletes()
    {
        const int Calls = 16;
        for (var i = 0; i < Calls; i++)
        {
            _api.Enqueue(i % 2 == 0 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK, i % 2 == 0 ? null : Bodies.ChatCompletion);
        }

        for (var i = 0; i < Calls / 2; i++)
        {
            _api.EnqueueChatCompletion();
        }

        // Which call meets which 503 depends on arrival order; enough retries that none can run out.
        var client = _api.Client(o => o.MaxRetries = Calls);

        var all = Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => Task.Run(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()))));
        var completions = await _api.RunAsync(all);

        Assert.Equal(Calls, completions.Length);
        Assert.All(completions, c => Assert.Equal("Paris.", c.Choices[0].Message.Content));
        Assert.Equal(Calls + (Calls / 2), _api.Requests.Count);
        Assert.Equal(Calls / 2, completions.Sum(c => c.Response!.Attempts - 1));
        Assert.Equal(Calls + (Calls / 2), _api.Requests.Select(r => r.Message).Distinct().Count());
    }

    [GeneratedRegex(@"^MythicDot-dotnet/\d+\.\d+\.\d+$")]
    private static partial Regex UserAgentPattern();
}
