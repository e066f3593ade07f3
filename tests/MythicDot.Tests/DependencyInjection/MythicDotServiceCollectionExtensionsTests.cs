using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.DependencyInjection;

public sealed class MythicDotServiceCollectionExtensionsTests
{
    private const string ModelsJson = """{"object":"list","data":[{"id":"mythic-4","object":"model","created":1704067200,"owned_by":"mythicdot"}]}""";

    [Fact]
    public async Task AddMythicDotClient_ConfigureAction_ResolvesClientThatSendsThroughFactory()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://di.test/v1/models")
            .WithHeaders("Authorization", "Bearer sk-di")
            .Respond("application/json", ModelsJson);
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = "sk-di";
            o.BaseUrl = new Uri("https://di.test/v1");
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<MythicDotClient>();
        var models = await client.Models.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("mythic-4", Assert.Single(models).Id);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddMythicDotClient_ReturnsHttpClientBuilderNamedMythicDot()
    {
        var builder = new ServiceCollection().AddMythicDotClient(o => o.ApiKey = "sk-x");

        Assert.Equal(MythicDotServiceCollectionExtensions.HttpClientName, builder.Name);
    }

    [Fact]
    public void AddMythicDotClient_FactoryHttpClient_HasInfiniteTimeoutSoTheSdkTimeoutGoverns()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o => o.ApiKey = "sk-x");
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(MythicDotServiceCollectionExtensions.HttpClientName);

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public async Task AddMythicDotClient_ConfigurationSection_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MythicDot:ApiKey"] = "sk-config",
            ["MythicDot:BaseUrl"] = "https://config.test/v1/",
            ["MythicDot:MaxRetries"] = "5",
            ["MythicDot:InitialRetryDelay"] = "00:00:01",
            ["MythicDot:MaxRetryDelay"] = "00:00:20",
            ["MythicDot:MaxRetryAfter"] = "00:02:00",
            ["MythicDot:Timeout"] = "00:00:30",
            ["MythicDot:ApiVersion"] = "2025-01-01",
            ["MythicDot:DefaultHeaders:mythicdot-beta"] = "tools-v2",
        }).Build();
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://config.test/v1/models")
            .WithHeaders("Authorization", "Bearer sk-config")
            .WithHeaders("mythicdot-version", "2025-01-01")
            .WithHeaders("mythicdot-beta", "tools-v2")
            .Respond("application/json", ModelsJson);
        var services = new ServiceCollection();
        services.AddMythicDotClient(configuration.GetSection("MythicDot")).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<MythicDotClientOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);
        await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(2), options.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddMythicDotClient_ConfigurationWithUnknownKeyAndBadValues_FailsNamingEachKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MythicDot:ApiKey"] = "sk-config",
            ["MythicDot:MaxRetrys"] = "5",
            ["MythicDot:Timeout"] = "30",
        }).Build();
        var services = new ServiceCollection();
        services.AddMythicDotClient(configuration.GetSection("MythicDot"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<MythicDotClient>());

        Assert.Contains("MythicDot:MaxRetrys", error.Message, StringComparison.Ordinal);
        Assert.Contains("MythicDot:Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMythicDotClient_Keyed_ResolvesEachClientWithItsOwnOptions()
    {
        var primary = new MockHttpMessageHandler();
        primary.Expect("https://primary.test/v1/models").WithHeaders("Authorization", "Bearer sk-primary").Respond("application/json", ModelsJson);
        var backup = new MockHttpMessageHandler();
        backup.Expect("https://backup.test/v1/models").WithHeaders("Authorization", "Bearer sk-backup").Respond("application/json", ModelsJson);
        var services = new ServiceCollection();
        services.AddMythicDotClient(o => { o.ApiKey = "sk-primary"; o.BaseUrl = new Uri("https://primary.test/v1/"); })
            .ConfigurePrimaryHttpMessageHandler(() => primary);
        var backupBuilder = services.AddMythicDotClient("backup", o => { o.ApiKey = "sk-backup"; o.BaseUrl = new Uri("https://backup.test/v1/"); })
            .ConfigurePrimaryHttpMessageHandler(() => backup);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredKeyedService<MythicDotClient>("backup").Models.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("MythicDot:backup", backupBuilder.Name);
        primary.VerifyNoOutstandingExpectation();
        backup.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddMythicDotClient_InvalidOptions_FailAtStartWithEveryRuleInOneMessage()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = "sk-x";
            o.MaxRetries = -1;
            o.Timeout = TimeSpan.FromSeconds(-5);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMythicDotClient_KeyedInvalidOptions_NameTheClientInTheMessage()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient("backup", o => { o.ApiKey = "sk-x"; o.BaseUrl = new Uri("ftp://files.test/"); });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("'backup'", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMythicDotClient_ValidOptions_PassStartValidation()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o => o.ApiKey = "sk-valid");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(provider.GetRequiredService<MythicDotClient>());
    }

    [Fact]
    public async Task AddMythicDotClient_HostLogging_ClientLogsThroughTheRegisteredLoggerFactory()
    {
        var logs = new MythicDot.Tests.Observability.CapturingLoggerProvider();
        var mock = new MockHttpMessageHandler();
        mock.When("https://di.test/v1/models").Respond(HttpStatusCode.ServiceUnavailable);
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = "sk-di";
            o.BaseUrl = new Uri("https://di.test/v1/");
            o.MaxRetries = 0;
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<ServiceUnavailableError>(() => provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken));

        Assert.Contains(logs.Entries, e => e.EventId.Name == "CallFailed" && e.Category == "MythicDot");
    }
}
