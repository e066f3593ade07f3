using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Options;

/// <summary>Headers a caller may not set are refused when the client is built (or, per call, before sending), naming the header.</summary>
public sealed class HeaderRulesTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    public static TheoryData<string> ReservedHeaders => new()
    {
        "Content-Type", "content-length", "Content-Encoding", "Content-Disposition", "Expires", "Last-Modified",
        "Host", "Authorization", "User-Agent", "Accept",
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authorization",
    };

    [Theory]
    [MemberData(nameof(ReservedHeaders))]
    public void Constructor_ReservedHeaderInDefaultHeaders_ThrowsNamingTheHeader(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.DefaultHeaders[name] = "value"));

        Assert.Contains($"DefaultHeaders may not set '{name}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReservedHeaders))]
    public async Task CreateAsync_ReservedHeaderPerCall_ThrowsNamingTheHeaderAndSendsNothing(string name)
    {
        var options = new RequestOptions();
        options.Headers[name] = "value";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options, TestContext.Current.CancellationToken));

        Assert.Contains($"RequestOptions.Headers may not set '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void CreateStreamingAsync_ReservedHeaderPerCall_ThrowsBeforeEnumerating()
    {
        var options = new RequestOptions();
        options.Headers["Host"] = "evil.example";

        Assert.Throws<ArgumentException>(() => _api.Client().Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), options));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void Constructor_ContentTypeInDefaultHeaders_ThrowsAtConstructionNotOnEveryCall()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.DefaultHeaders["Content-Type"] = "text/plain"));

        Assert.Contains("content header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UserAgentInDefaultHeaders_PointsToApplicationId()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.DefaultHeaders["User-Agent"] = "my-app"));

        Assert.Contains("ApplicationId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_VersionInBothApiVersionAndDefaultHeaders_ThrowsConflict()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o =>
        {
            o.ApiVersion = "2025-01-01";
            o.DefaultHeaders["MythicDot-Version"] = "2024-06-01";
        }));

        Assert.Contains("ApiVersion ('2025-01-01') and DefaultHeaders['MythicDot-Version'] ('2024-06-01') both set the mythicdot-version header", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateAsync_VersionPerCallWhenTheClientSetsIt_ThrowsConflictAndSendsNothing(bool throughApiVersion)
    {
        var client = _api.Client(o =>
        {
            if (throughApiVersion)
            {
                o.ApiVersion = "2025-01-01";
            }
            else
            {
                o.DefaultHeaders["mythicdot-version"] = "2025-01-01";
            }
        });
        var options = new RequestOptions();
        options.Headers["mythicdot-version"] = "2024-06-01";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options, TestContext.Current.CancellationToken));

        Assert.Contains("conflicts with the client's mythicdot-version", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task CreateAsync_VersionInDefaultHeadersOnly_SentOnce()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.DefaultHeaders["mythicdot-version"] = "2024-06-01");

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("2024-06-01", Assert.Single(_api.Requests).Header("mythicdot-version"));
    }

    [Fact]
    public async Task CreateAsync_ApplicationId_AppendedToTheSdkUserAgent()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.ApplicationId = "contoso-bot/2.1");

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var userAgent = Assert.Single(_api.Requests).Header("User-Agent");
        Assert.Matches(@"^MythicDot-dotnet/\d+\.\d+\.\d+ contoso-bot/2\.1$", userAgent);
    }

    [Fact]
    public async Task CreateAsync_NoApplicationId_SendsTheSdkUserAgentAlone()
    {
        _api.EnqueueChatCompletion();

        await _api.RunAsync(_api.Client().Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Matches(@"^MythicDot-dotnet/\d+\.\d+\.\d+$", Assert.Single(_api.Requests).Header("User-Agent"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("my app")]
    [InlineData("bot\r\nX-Evil: 1")]
    [InlineData("a-name-that-is-far-too-long-to-be-an-application-id-in-a-user-agent-x")]
    public void Constructor_InvalidApplicationId_ThrowsNamingIt(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.ApplicationId = id));

        Assert.Contains("ApplicationId must be 1 to 64 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_PerCallHeaderOverridesDefaultHeader_SentOnceWithThePerCallValue()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o => o.DefaultHeaders["mythicdot-beta"] = "tools-v1");
        var options = new RequestOptions();
        options.Headers["MythicDot-Beta"] = "tools-v2";

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options));

        Assert.Equal("tools-v2", Assert.Single(_api.Requests).Header("mythicdot-beta"));
    }
}
