using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>
/// A key, version or header value with a line break (or another control character) is refused before any request
/// is built, so that nothing can be smuggled into the request as an extra header; the error never quotes the key.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HeaderInjectionTests : IDisposable
{
    private readonly ApiHarness _api = new();
    private readonly EnvironmentScope _environment = new();

    public void Dispose()
    {
        _environment.Dispose();
        _api.Dispose();
    }

    public static TheoryData<string> InjectingKeys => new()
    {
        "sk-inject-secret\r\nX-Injected: 1",
        "sk-inject-secret\nX-Injected: 1",
        "sk-inject-secret\rX-Injected: 1",
        "sk-inject-secret\r\n\r\nGET / HTTP/1.1",
        "sk-inject-secret\u0000",
        "sk-inject-secret\u0085",
        "sk-inject-secret\u2028",
        "sk-inject-secret\u007F",
        "sk-inject-secret\r",
    };

    [Theory]
    [MemberData(nameof(InjectingKeys))]
    public void Constructor_KeyWithLineBreakOrControl_RefusedWithoutQuotingTheKey(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.ApiKey = key));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-inject-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [MemberData(nameof(InjectingKeys))]
    public void Constructor_KeyStringOverloadWithLineBreak_Refused(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(key));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-inject-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyFromEnvironmentWithLineBreak_Refused()
    {
        _environment.Set("MYTHICDOT_API_KEY", "sk-inject-secret\r\nX-Injected: 1");

        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(_api.HttpClient, _api.Options(o => o.ApiKey = null)));

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-inject-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddMythicDotClient_KeyWithLineBreak_StartupValidationRefusesWithoutQuotingTheKey()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o => o.ApiKey = "sk-inject-secret\r\nX-Injected: 1");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-inject-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-trace", "a\r\nX-Injected: 1")]
    [InlineData("x-trace", "a\nb")]
    [InlineData("x-trace\r\nX-Injected", "1")]
    [InlineData("x-trace: 1\r\nX-Injected", "1")]
    public async Task CreateAsync_RequestHeaderWithLineBreak_RefusedBeforeSending(string name, string value)
    {
        var client = _api.Client();
        var options = new RequestOptions();
        options.Headers[name] = value;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest(), options));

        Assert.Contains("RequestOptions.Headers", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void CreateStreamingAsync_RequestHeaderWithLineBreak_RefusedBeforeSending()
    {
        var client = _api.Client();
        var options = new RequestOptions();
        options.Headers["x-trace"] = "a\r\nX-Injected: 1";

        var error = Assert.Throws<ArgumentException>(() => client.Chat.Completions.CreateStreamingAsync(ApiHarness.ChatRequest(), options));

        Assert.Contains("RequestOptions.Headers", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void Constructor_ApiVersionWithLineBreak_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.ApiVersion = "2025-01-01\r\nX-Injected: 1"));

        Assert.Contains("ApiVersion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ValidKey_SentAsOneAuthorizationHeaderAndNothingElse()
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var request = Assert.Single(_api.Requests);
        Assert.Equal("Bearer " + ApiHarness.ApiKey, request.Header("Authorization"));
        Assert.Single(request.Message.Headers.NonValidated, h => h.Value.ToString().Contains(ApiHarness.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(request.Headers, h => h.Key.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase));
    }
}
