using System.Net;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests;

public sealed class ModelsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAsync_Default_ReturnsTheDocumentedModels()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var models = await client.Models.ListAsync(Ct);

        Assert.Equal(
            ["mythic-4", "mythic-4-mini", "mythic-4-vision", "mythic-4-thinking", "mythic-3.5-turbo", "mythic-embed-3"],
            models.Select(m => m.Id));
        Assert.All(models, m => Assert.Equal("mythicdot", m.OwnedBy));
        Assert.All(models, m => Assert.True(m.ContextWindow > 0));
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/models", request.Path);
        Assert.Equal(string.Empty, request.Body);
        Assert.Equal("Bearer sk-emulator-key", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task GetAsync_KnownId_ReturnsModelWithLimits()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var model = await client.Models.GetAsync("mythic-3.5-turbo", Ct);

        Assert.Equal("mythic-3.5-turbo", model.Id);
        Assert.Equal(16_385, model.ContextWindow);
        Assert.Equal(4_096, model.MaxOutputTokens);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1677628800), model.Created);
        Assert.Equal("/v1/models/mythic-3.5-turbo", Assert.Single(emulator.Requests).Path);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ThrowsNotFoundErrorWithModelNotFoundCode()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.Models.GetAsync("mythic-0", Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }
}
