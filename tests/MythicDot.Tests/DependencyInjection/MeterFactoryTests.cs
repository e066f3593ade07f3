using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.DependencyInjection;

/// <summary>Under dependency injection the meter comes from the host's <see cref="IMeterFactory"/>, not from static state.</summary>
public sealed class MeterFactoryTests
{
    private const string Completion = """{"id":"c","object":"chat.completion","created":1,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

    [Fact]
    public async Task AddMythicDotClient_HostHasAMeterFactory_RecordsOnTheFactorysMeter()
    {
        using var factory = new RecordingMeterFactory();
        var mock = new MockHttpMessageHandler();
        mock.When("https://di.test/v1/chat/completions").Respond("application/json", Completion);
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(factory);
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = "sk-x";
            o.BaseUrl = new Uri("https://di.test/v1/");
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();
        // Scoped to this factory: other tests' clients record on the process-wide meter of the same name at the same time.
        using var durations = new MetricCollector<double>(factory, "MythicDot", "gen_ai.client.operation.duration");

        await provider.GetRequiredService<MythicDotClient>().Chat.Completions.CreateAsync(
            new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] }, TestContext.Current.CancellationToken);

        var meter = Assert.Single(factory.Created);
        Assert.Equal("MythicDot", meter.Name);
        Assert.Same(factory, meter.Scope);
        Assert.Single(durations.GetMeasurementSnapshot());
    }

    [Fact]
    public void AddMythicDotClient_TwoNamedClients_ShareOneMeterFromTheFactory()
    {
        using var factory = new RecordingMeterFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(factory);
        services.AddMythicDotClient(o => o.ApiKey = "sk-a");
        services.AddMythicDotClient("b", o => o.ApiKey = "sk-b");
        using var provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<MythicDotClient>();
        _ = provider.GetRequiredKeyedService<MythicDotClient>("b");

        Assert.Single(factory.Created);
    }

    private sealed class RecordingMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            options.Scope = this; // as the default factory does: the meter belongs to its factory
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
