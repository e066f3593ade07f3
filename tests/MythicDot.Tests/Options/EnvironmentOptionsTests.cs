using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Options;

/// <summary>MYTHICDOT_API_KEY and MYTHICDOT_BASE_URL fill in what the options leave unset.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentOptionsTests : IDisposable
{
    private const string KeyVariable = "MYTHICDOT_API_KEY";
    private const string UrlVariable = "MYTHICDOT_BASE_URL";

    private readonly ApiHarness _api = new();
    private readonly EnvironmentScope _environment = new();

    public void Dispose()
    {
        _environment.Dispose();
        _api.Dispose();
    }

    [Fact]
    public void Constructor_NoKeyAnywhere_ThrowsNamingTheEnvironmentVariable()
    {
        _environment.Set(KeyVariable, null).Set(UrlVariable, null);

        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient());

        Assert.Contains(KeyVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OptionsWithoutKeyAndNoVariable_ThrowsNamingTheEnvironmentVariable()
    {
        _environment.Set(KeyVariable, null);

        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(_api.HttpClient, _api.Options(o => o.ApiKey = null)));

        Assert.Contains(KeyVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_KeyFromVariable_SentAsBearer()
    {
        _environment.Set(KeyVariable, "sk-from-environment");
        _api.EnqueueChatCompletion();
        var client = new MythicDotClient(_api.HttpClient, _api.Options(o => o.ApiKey = null));

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Bearer sk-from-environment", Assert.Single(_api.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Constructor_KeyInOptionsAndVariable_OptionsWin()
    {
        _environment.Set(KeyVariable, "sk-from-environment");
        _api.EnqueueChatCompletion();
        var client = _api.Client();

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal("Bearer " + ApiHarness.ApiKey, Assert.Single(_api.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Constructor_BaseUrlNullAndVariableSet_UsesVariable()
    {
        _environment.Set(UrlVariable, "http://127.0.0.1:5099/v1");
        _api.EnqueueChatCompletion();
        var client = new MythicDotClient(_api.HttpClient, _api.Options(o => o.BaseUrl = null));

        await _api.RunAsync(client.Chat.Completions.CreateAsync(ApiHarness.ChatRequest()));

        Assert.Equal(new Uri("http://127.0.0.1:5099/v1/"), client.BaseUrl);
        Assert.Equal("http://127.0.0.1:5099/v1/chat/completions", Assert.Single(_api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void Constructor_BaseUrlSetAndVariableSet_OptionsWin()
    {
        _environment.Set(UrlVariable, "http://127.0.0.1:5099/v1/");

        var client = _api.Client();

        Assert.Equal(ApiHarness.BaseUrl, client.BaseUrl);
    }

    [Fact]
    public void Constructor_NoBaseUrlAnywhere_UsesDocumentedDefault()
    {
        _environment.Set(UrlVariable, null);

        var client = new MythicDotClient(_api.HttpClient, _api.Options(o => o.BaseUrl = null));

        Assert.Equal(new Uri("https://api.mythicdot.ai/v1/"), client.BaseUrl);
    }

    [Fact]
    public void Constructor_VariableNotAUrl_ThrowsNamingTheVariable()
    {
        _environment.Set(UrlVariable, "not a url");

        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(_api.HttpClient, _api.Options(o => o.BaseUrl = null)));

        Assert.Contains(UrlVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_VariablePlainHttpToRemoteHost_Refused()
    {
        _environment.Set(UrlVariable, "http://api.mythicdot.ai/v1/");

        var error = Assert.Throws<ArgumentException>(() => new MythicDotClient(_api.HttpClient, _api.Options(o => o.BaseUrl = null)));

        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyFromVariable_NotInOptionsToString()
    {
        _environment.Set(KeyVariable, "sk-from-environment-secret");
        var options = new MythicDotClientOptions();

        _ = new MythicDotClient(_api.HttpClient, options);

        Assert.Null(options.ApiKey);
        Assert.DoesNotContain("sk-from-environment-secret", options.ToString(), StringComparison.Ordinal);
    }
}
