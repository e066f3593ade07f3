using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>
/// Plain <c>http://</c> is refused at construction for any host that is not loopback, however the URL disguises the
/// host, unless <see cref="MythicDotClientOptions.AllowInsecureHttp"/> opts in; the error names the option.
/// (Options/OptionsValidationTests and EnvironmentOptionsTests cover the plain cases.)
/// </summary>
public sealed class InsecureHttpTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    /// <summary>Hosts that look local but are not, or may not be: each would send the key in clear text over a network.</summary>
    public static TheoryData<string> DisguisedRemoteHosts => new()
    {
        "http://localhost.attacker.test/v1/",
        "http://127.0.0.1.nip.io/v1/",
        "http://127.0.0.1:80@evil.test/v1/",
        "http://0.0.0.0/v1/",
        "http://169.254.169.254/v1/",
        "http://[::ffff:10.0.0.1]/v1/",
        "http://[fe80::1]/v1/",
        "http://localhost./v1/",
        "http://api.localhost/v1/",
    };

    /// <summary>Spellings of a loopback address: the key never leaves the machine.</summary>
    public static TheoryData<string> LoopbackSpellings => new()
    {
        "http://LOCALHOST:8080/v1/",
        "http://127.1/v1/",
        "http://2130706433/v1/",
        "http://0x7f000001/v1/",
        "http://[::ffff:127.0.0.1]/v1/",
        "http://[0:0:0:0:0:0:0:1]/v1/",
    };

    [Theory]
    [MemberData(nameof(DisguisedRemoteHosts))]
    public void Constructor_PlainHttpToDisguisedRemoteHost_RefusedNamingAllowInsecureHttp(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.BaseUrl = new Uri(url)));

        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
        KeyAssert.NotIn(ApiHarness.ApiKey, error.ToString(), "the construction error");
    }

    [Theory]
    [MemberData(nameof(DisguisedRemoteHosts))]
    public async Task Constructor_PlainHttpToDisguisedRemoteHostWithOptIn_SendsThere(string url)
    {
        _api.EnqueueChatCompletion();
        var client = _api.Client(o =>
        {
            o.BaseUrl = new Uri(url);
            o.AllowInsecureHttp = true;
        });

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        var request = Assert.Single(_api.Requests);
        Assert.Equal(new Uri(new Uri(url), "chat/completions"), request.Uri);
        Assert.Equal("http", request.Uri.Scheme);
    }

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public void Constructor_PlainHttpToLoopbackSpelling_Allowed(string url)
    {
        var client = _api.Client(o => o.BaseUrl = new Uri(url));

        Assert.True(client.BaseUrl.IsLoopback);
    }

    [Fact]
    public void AddMythicDotClient_PlainHttpToRemoteHost_StartupValidationNamesAllowInsecureHttp()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = ApiHarness.ApiKey;
            o.BaseUrl = new Uri("http://gateway.internal/v1/");
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
        KeyAssert.NotIn(ApiHarness.ApiKey, error.ToString(), "the start-up validation error");
    }

    [Fact]
    public void AddMythicDotClient_PlainHttpToRemoteHostWithOptIn_Resolves()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = ApiHarness.ApiKey;
            o.BaseUrl = new Uri("http://gateway.internal/v1/");
            o.AllowInsecureHttp = true;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new Uri("http://gateway.internal/v1/"), provider.GetRequiredService<MythicDotClient>().BaseUrl);
    }
}
