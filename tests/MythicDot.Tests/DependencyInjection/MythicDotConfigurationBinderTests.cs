using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MythicDot.Tests.DependencyInjection;

/// <summary>Configuration binding keeps up with the options: a new public option either binds or is listed here as one configuration cannot express.</summary>
public sealed class MythicDotConfigurationBinderTests
{
    /// <summary>Objects, not values: set in code.</summary>
    private static readonly string[] NotBindable =
    [
        nameof(MythicDotClientOptions.TimeProvider),
        nameof(MythicDotClientOptions.LoggerFactory),
        nameof(MythicDotClientOptions.RequestLimiter),
        nameof(MythicDotClientOptions.TokenLimiter),
        nameof(MythicDotClientOptions.TokenEstimator),
        nameof(MythicDotClientOptions.Cooldown),
        nameof(MythicDotClientOptions.CircuitBreaker),
    ];

    public static TheoryData<string> BindableOptions => new(typeof(MythicDotClientOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.Name)
        .Where(name => !NotBindable.Contains(name)));

    [Theory]
    [MemberData(nameof(BindableOptions))]
    public void AddMythicDotClient_ConfigurationValueForAnOption_ArrivesInTheOptions(string name)
    {
        var property = typeof(MythicDotClientOptions).GetProperty(name)!;
        var (settings, expected) = Sample(name, property.PropertyType);
        settings.TryAdd("MythicDot:ApiKey", "sk-config");
        var options = Bind(settings);

        var actual = property.GetValue(options);

        if (actual is IDictionary<string, string> headers)
        {
            Assert.Equal("tools-v2", headers["mythicdot-beta"]);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void AddMythicDotClient_UnknownKey_MessageListsEveryBindableOption()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind(new() { ["MythicDot:ApiKey"] = "sk-config", ["MythicDot:Colour"] = "blue" }));

        Assert.Contains("MythicDot:Colour: unknown setting", error.Message, StringComparison.Ordinal);
        Assert.All(BindableOptions, row => Assert.Contains((string)row.Data, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void AddMythicDotClient_ConfigurationOverloadDocs_ListEveryBindableOption()
    {
        var docs = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(typeof(MythicDotClient).Assembly.Location, ".xml"));
        var member = docs.Descendants("member").Single(m => ((string?)m.Attribute("name"))?.StartsWith(
            "M:Microsoft.Extensions.DependencyInjection.MythicDotServiceCollectionExtensions.AddMythicDotClient(Microsoft.Extensions.DependencyInjection.IServiceCollection,Microsoft.Extensions.Configuration.IConfiguration)", StringComparison.Ordinal) == true);

        Assert.All(BindableOptions, row => Assert.Contains((string)row.Data, member.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void AddMythicDotClient_EmptyMaxConcurrentRequests_MeansNoCap()
    {
        var options = Bind(new() { ["MythicDot:ApiKey"] = "sk-config", ["MythicDot:MaxConcurrentRequests"] = "" });

        Assert.Null(options.MaxConcurrentRequests);
    }

    /// <summary>A configuration value for the option and what it should bind to, chosen by the option's type.</summary>
    private static (Dictionary<string, string?> Settings, object? Expected) Sample(string name, Type type)
    {
        var key = "MythicDot:" + name;
        return (name, type) switch
        {
            ("ApiKey", _) => (new() { [key] = "sk-bound" }, "sk-bound"),
            ("ApiVersion", _) => (new() { [key] = "2025-01-01" }, "2025-01-01"),
            (_, _) when type == typeof(string) => (new() { [key] = "contoso-bot/2.1" }, "contoso-bot/2.1"),
            (_, _) when type == typeof(Uri) => (new() { [key] = "https://config.test/v1/" }, new Uri("https://config.test/v1/")),
            (_, _) when type == typeof(int) || type == typeof(int?) => (new() { [key] = "5" }, 5),
            (_, _) when type == typeof(long) => (new() { [key] = "4096" }, 4096L),
            (_, _) when type == typeof(bool) => (new() { [key] = "true" }, true),
            (_, _) when type == typeof(TimeSpan) => (new() { [key] = "00:00:07" }, TimeSpan.FromSeconds(7)),
            (_, _) when type == typeof(IDictionary<string, string>) => (new() { [key + ":mythicdot-beta"] = "tools-v2" }, null),
            _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"MythicDotClientOptions.{name} ({type.Name}) has no sample here: bind it in MythicDotConfigurationBinder and add a sample, or list it in NotBindable.")),
        };
    }

    private static MythicDotClientOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddMythicDotClient(configuration.GetSection("MythicDot"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<MythicDotClientOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);
    }
}
