using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Moderations against the emulator: its documented trigger words flag their categories; one result per input.</summary>
public sealed class ModerationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_TriggerWords_FlaggedInTheirCategories()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var response = await client.Moderations.CreateAsync(new ModerationRequest(["I will kill the process", "What a lovely day", "I hate Mondays"]), Ct);

        Assert.Equal("omni-moderation-latest", response.Model);
        Assert.StartsWith("modr-emulator-", response.Id, StringComparison.Ordinal);
        Assert.Equal([true, false, true], response.Results.Select(r => r.Flagged));
        Assert.Equal([ModerationCategory.Violence], response.Results[0].FlaggedCategories);
        Assert.Equal(0.98, response.Results[0].GetScore(ModerationCategory.Violence));
        Assert.Equal(0.0001, response.Results[0].GetScore(ModerationCategory.Hate));
        Assert.Equal(13, response.Results[1].Categories.Count);
        Assert.True(response.Results[2].IsFlagged(ModerationCategory.Hate));
        Assert.Equal(["text"], response.Results[2].CategoryAppliedInputTypes!["hate"]);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/moderations", request.Path);
        Assert.Equal("""{"input":["I will kill the process","What a lovely day","I hate Mondays"]}""", request.Body);
    }

    [Fact]
    public async Task CreateAsync_ServerFault_RetriedThenAnswered()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503), path: "moderations");
        var client = emulator.CreateClient(clock);

        var response = await clock.RunUntilCompletedAsync(client.Moderations.CreateAsync(new ModerationRequest("hello") { Model = "text-moderation-stable" }, Ct));

        Assert.Equal("text-moderation-stable", response.Model);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.Equal(2, response.Response!.Attempts);
    }
}
