using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using MythicDot.Tests.Infrastructure;
using Polly;

namespace MythicDot.Tests.DependencyInjection;

/// <summary>
/// Resilience added to every HttpClient (as .NET Aspire's ServiceDefaults do with <c>ConfigureHttpClientDefaults</c>) does not
/// stack on the SDK's retries and timeout, whichever is registered first.
/// </summary>
public sealed class HttpClientDefaultsTests
{
    private const string ModelsJson = """{"object":"list","data":[]}""";

    public static TheoryData<bool> DefaultsFirst => new() { true, false };

    [Theory]
    [MemberData(nameof(DefaultsFirst))]
    public async Task AddMythicDotClient_StandardResilienceDefaults_MakesMaxRetriesPlusOneAttempts(bool defaultsFirst)
    {
        var handler = new CountingHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
        using var provider = Provider(defaultsFirst, handler, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<ServiceUnavailableError>(() => provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, handler.Requests);
    }

    [Theory]
    [MemberData(nameof(DefaultsFirst))]
    public async Task AddMythicDotClient_AnswerSlowerThanTheStandardAttemptTimeout_SucceedsWithinTheClientsTimeout(bool defaultsFirst)
    {
        var clock = new FakeTimeProvider();
        var handler = new CountingHandler(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(15), clock, token); // beyond the standard handler's 10 s attempt timeout
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ModelsJson, Encoding.UTF8, "application/json") };
        });
        using var provider = Provider(defaultsFirst, handler, o =>
        {
            o.TimeProvider = clock;
            o.Timeout = TimeSpan.FromMinutes(1);
        }, clock);

        var models = await clock.RunUntilCompletedAsync(provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken));

        Assert.Empty(models);
        Assert.Equal(1, handler.Requests);
    }

    [Theory]
    [MemberData(nameof(DefaultsFirst))]
    public async Task AddMythicDotClient_AnswerSlowerThanTheClientsTimeout_ThrowsApiTimeoutError(bool defaultsFirst)
    {
        var clock = new FakeTimeProvider();
        var handler = new CountingHandler(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(5), clock, token);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ModelsJson, Encoding.UTF8, "application/json") };
        });
        using var provider = Provider(defaultsFirst, handler, o =>
        {
            o.TimeProvider = clock;
            o.Timeout = TimeSpan.FromSeconds(40); // beyond the standard handler's 30 s total timeout too
            o.MaxRetries = 0;
        }, clock);

        var error = await Record.ExceptionAsync(() => clock.RunUntilCompletedAsync(provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken)));

        Assert.IsType<ApiTimeoutError>(error);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task AddMythicDotClient_CallersOwnHandler_IsKept()
    {
        var handler = new CountingHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ModelsJson, Encoding.UTF8, "application/json") }));
        var own = new CountingDelegatingHandler();
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler());
        services.AddMythicDotClient(Configure(null))
            .AddHttpMessageHandler(() => own)
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, own.Requests);
    }

    private static ServiceProvider Provider(bool defaultsFirst, CountingHandler handler, Action<MythicDotClientOptions> configure, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock); // the resilience handler's clock
        }

        if (defaultsFirst)
        {
            AddDefaults(services);
        }

        services.AddMythicDotClient(Configure(configure)).ConfigurePrimaryHttpMessageHandler(() => handler);
        if (!defaultsFirst)
        {
            AddDefaults(services);
        }

        return services.BuildServiceProvider();
    }

    // As Aspire's ServiceDefaults, with the standard retry's waits made zero so that a stacked retry shows at once.
    private static void AddDefaults(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.BackoffType = DelayBackoffType.Constant;
            o.Retry.UseJitter = false;
        }));

    private static Action<MythicDotClientOptions> Configure(Action<MythicDotClientOptions>? configure) => o =>
    {
        o.ApiKey = "sk-x";
        o.BaseUrl = new Uri("https://di.test/v1/");
        o.InitialRetryDelay = TimeSpan.Zero;
        o.MaxRetryDelay = TimeSpan.Zero;
        configure?.Invoke(o);
    };

    private sealed class CountingHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return respond(request, cancellationToken);
        }
    }

    private sealed class CountingDelegatingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
