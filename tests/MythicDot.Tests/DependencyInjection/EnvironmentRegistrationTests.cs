using Microsoft.Extensions.DependencyInjection;
using MythicDot.Tests.Infrastructure;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.DependencyInjection;

[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentRegistrationTests
{
    [Fact]
    public async Task AddMythicDotClient_NoArguments_TakesKeyAndBaseUrlFromTheEnvironment()
    {
        using var environment = new EnvironmentScope()
            .Set("MYTHICDOT_API_KEY", "sk-from-env")
            .Set("MYTHICDOT_BASE_URL", "https://env.test/v1/");
        var mock = new MockHttpMessageHandler();
        mock.Expect("https://env.test/v1/models").WithHeaders("Authorization", "Bearer sk-from-env").Respond("application/json", """{"object":"list","data":[]}""");
        var services = new ServiceCollection();
        services.AddMythicDotClient().ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);

        mock.VerifyNoOutstandingExpectation();
    }
}
