using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MythicDot.Tests.Infrastructure;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.DependencyInjection;

/// <summary><c>AddMythicDotAdminClient</c>: its options apart from the main client's, its key from <c>MYTHICDOT_ADMIN_KEY</c>, a project key refused at start.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class AdminRegistrationTests
{
    [Fact]
    public async Task AddMythicDotAdminClient_NoArguments_TakesTheAdminKeyFromItsVariable_BesideTheMainClient()
    {
        using var environment = new EnvironmentScope()
            .Set("MYTHICDOT_API_KEY", "sk-from-env")
            .Set("MYTHICDOT_ADMIN_KEY", "mythic-admin-from-env")
            .Set("MYTHICDOT_BASE_URL", "https://env.test/v1/");
        var mock = new MockHttpMessageHandler();
        mock.Expect("https://env.test/v1/organization/members").WithHeaders("Authorization", "Bearer mythic-admin-from-env").Respond("application/json", """{"object":"list","data":[],"has_more":false}""");
        mock.Expect("https://env.test/v1/models").WithHeaders("Authorization", "Bearer sk-from-env").Respond("application/json", """{"object":"list","data":[]}""");
        var services = new ServiceCollection();
        services.AddMythicDotAdminClient().ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddMythicDotClient().ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<MythicDotAdminClient>().Members.ListAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);

        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddMythicDotAdminClient_ProjectKey_FailsAtStartNamingTheProblem()
    {
        var services = new ServiceCollection();
        services.AddMythicDotAdminClient("ops", o => o.ApiKey = "sk-project-key");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("not an admin key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-project-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMythicDotClient_AdminKey_FailsAtStart()
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o => o.ApiKey = "mythic-admin-secret");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MythicDotAdminClient", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mythic-admin-secret", error.Message, StringComparison.Ordinal);
    }
}
