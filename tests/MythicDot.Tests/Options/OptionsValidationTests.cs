using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Options;

/// <summary>Options are checked when the client is built; every failed rule is named, all in one message, never with the key.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public void Constructor_NegativeMaxRetries_ThrowsNamingMaxRetries()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.MaxRetries = -1));

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void Constructor_RelativeBaseUrl_ThrowsNamingBaseUrl()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.BaseUrl = new Uri("v1/", UriKind.Relative)));

        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("absolute", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://api.mythicdot.test/v1/")]
    [InlineData("ws://api.mythicdot.test/v1/")]
    [InlineData("file:///etc/passwd")]
    public void Constructor_NonHttpScheme_ThrowsNamingBaseUrl(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.BaseUrl = new Uri(url)));

        Assert.Contains("BaseUrl must use http or https", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Constructor_EmptyOrWhitespaceKey_ThrowsNamingApiKey(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.ApiKey = key));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-abc\n")]
    [InlineData("sk-abc\r\nX-Evil: 1")]
    [InlineData(" sk-abc")]
    [InlineData("sk-a\u0000bc")]
    public void Constructor_KeyWithWhitespaceOrControl_ThrowsNamingApiKeyWithoutTheKey(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.ApiKey = key));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StringOverloadEmptyKey_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(string.Empty));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StringOverloadNullKey_ThrowsArgumentNull()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new MythicDotClient((string)null!));

        Assert.Equal("apiKey", error.ParamName);
    }

    [Theory]
    [InlineData("http://api.mythicdot.ai/v1/")]
    [InlineData("http://10.0.0.5:8080/v1/")]
    [InlineData("http://127.0.0.1.example.com/v1/")]
    public void Constructor_PlainHttpToRemoteHost_ThrowsNamingAllowInsecureHttp(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.BaseUrl = new Uri(url)));

        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_PlainHttpToRemoteHostWithOptIn_Allowed()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.BaseUrl = new Uri("http://gateway.internal:8080/v1/");
            o.AllowInsecureHttp = true;
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("http://gateway.internal:8080/v1/chat/completions", Assert.Single(_api.Requests).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/")]
    [InlineData("http://localhost:5000/v1/")]
    [InlineData("http://[::1]:5000/v1/")]
    [InlineData("http://127.0.0.2/v1/")]
    public void Constructor_PlainHttpToLoopback_Allowed(string url)
    {
        var client = _api.Client(o => o.BaseUrl = new Uri(url));

        Assert.Equal(new Uri(url), client.BaseUrl);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    public void Constructor_AuthorizationInDefaultHeaders_ThrowsNamingDefaultHeaders(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.DefaultHeaders[name] = "Bearer sk-other"));

        Assert.Contains("DefaultHeaders", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authorization", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultHeaderWithNewline_ThrowsNamingTheHeader()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.DefaultHeaders["X-Team"] = "a\nb"));

        Assert.Contains("DefaultHeaders", error.Message, StringComparison.Ordinal);
        Assert.Contains("X-Team", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SeveralInvalidOptions_AllReportedInOneMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o =>
        {
            o.MaxRetries = -3;
            o.Timeout = TimeSpan.FromSeconds(-1);
            o.BaseUrl = new Uri("ftp://api.mythicdot.test/");
            o.InitialRetryDelay = TimeSpan.FromSeconds(10);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        }));

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryDelay", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void Constructor_NonPositiveTimeout_ThrowsNamingTimeout(double seconds)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.Timeout = TimeSpan.FromSeconds(seconds)));

        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InfiniteTimeout_Allowed()
    {
        var client = _api.Client(o => o.Timeout = Timeout.InfiniteTimeSpan);

        Assert.NotNull(client.Chat.Completions);
    }

    [Fact]
    public void Constructor_MaxRetryDelayBelowInitialRetryDelay_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o =>
        {
            o.InitialRetryDelay = TimeSpan.FromSeconds(2);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        }));

        Assert.Contains("MaxRetryDelay", error.Message, StringComparison.Ordinal);
        Assert.Contains("InitialRetryDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeInitialRetryDelay_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.InitialRetryDelay = TimeSpan.FromSeconds(-1)));

        Assert.Contains("InitialRetryDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeMaxRetryAfter_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1)));

        Assert.Contains("MaxRetryAfter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BaseUrlWithQuery_ThrowsNamingBaseUrl()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.BaseUrl = new Uri("https://api.mythicdot.test/v1/?key=x")));

        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_MessageNeverHoldsTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o =>
        {
            o.MaxRetries = -1;
            o.BaseUrl = new Uri("http://api.mythicdot.ai/v1/");
            o.ApiVersion = "bad\nversion";
            o.DefaultHeaders["Authorization"] = "x";
        }));

        Assert.DoesNotContain(ApiHarness.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_OptionsMutatedAfterwards_ClientUnaffected()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable);
        _api.EnqueueChatCompletion();
        var options = _api.Options(o => o.MaxRetries = 1);
        var client = new MythicDotClient(_api.HttpClient, options);

        options.MaxRetries = 0;
        options.ApiKey = "sk-changed";
        options.BaseUrl = new Uri("https://elsewhere.test/v1/");
        options.ApiVersion = "2099-01-01";
        options.DefaultHeaders["X-Late"] = "late";
        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, request =>
        {
            Assert.Equal(ApiHarness.ChatUrl, request.Uri.AbsoluteUri);
            Assert.Equal("Bearer " + ApiHarness.ApiKey, request.Header("Authorization"));
            Assert.Null(request.Header("mythicdot-version"));
            Assert.Null(request.Header("X-Late"));
        });
    }

    [Fact]
    public void ToString_KeySet_KeyRedacted()
    {
        var options = new MythicDotClientOptions { ApiKey = ApiHarness.ApiKey, ApiVersion = "2025-01-01" };
        options.DefaultHeaders["mythicdot-beta"] = "secret-beta-value";

        var text = options.ToString();

        Assert.DoesNotContain(ApiHarness.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("TESTKEY", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("mythicdot-beta", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-beta-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AsDocumented()
    {
        var options = new MythicDotClientOptions();

        Assert.Null(options.ApiKey);
        Assert.Null(options.BaseUrl);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.InitialRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(8), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Timeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.ApiVersion);
        Assert.Empty(options.DefaultHeaders);
        Assert.False(options.AllowInsecureHttp);
    }
}
