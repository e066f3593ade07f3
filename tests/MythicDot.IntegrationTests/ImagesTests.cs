using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Image generation through the emulator: URLs, the SDK's own prompt check, and the emulator's validation.</summary>
public sealed class ImagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_ValidPrompt_ReturnsImageUrlOnEmulatorHost()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var client = emulator.CreateClient();

        var response = await client.Images.GenerateAsync(new("stability/sdxl", "a lighthouse at dusk"), Ct);

        var url = Assert.Single(response.Urls);
        Assert.Equal("https", url.Scheme);
        Assert.Equal("images.emulator.mythicdot.invalid", url.Host);
        Assert.Matches("^/[0-9a-f]{32}\\.png$", url.AbsolutePath);
        Assert.Equal(clock.GetUtcNow(), response.Created);
        Assert.True(response.AdditionalProperties!["success"].GetBoolean());
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/images/generations", request.Path);
        Assert.Equal("""{"model":"stability/sdxl","prompt":"a lighthouse at dusk"}""", request.Body);
    }

    [Fact]
    public async Task GenerateAsync_SameRequestTwice_ReturnsTheSameUrl()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var first = await client.Images.GenerateAsync(new("stability/sdxl", "a lighthouse at dusk"), Ct);
        var second = await client.Images.GenerateAsync(new("stability/sdxl", "a lighthouse at dusk"), Ct);
        var other = await client.Images.GenerateAsync(new("stability/sdxl", "a lighthouse at dawn"), Ct);

        Assert.Equal(first.Urls, second.Urls);
        Assert.NotEqual(first.Urls, other.Urls);
    }

    [Fact]
    public async Task GenerateAsync_EveryOption_SendsThemAndSucceeds()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ImageGenerationRequest
        {
            Model = "stability/sdxl:1.0",
            Prompt = "a lighthouse at dusk",
            Size = "512x512",
            Provider = "stability",
            Routing = ImageRouting.Cheapest,
            Public = false,
        };

        var response = await client.Images.GenerateAsync(request, Ct);

        Assert.Single(response.Urls);
        Assert.Equal(
            """{"model":"stability/sdxl:1.0","prompt":"a lighthouse at dusk","size":"512x512","provider":"stability","routing":"cheapest","public":false}""",
            Assert.Single(emulator.Requests).Body);
    }

    [Fact]
    public async Task GenerateAsync_PromptOver1000Characters_ThrowsArgumentExceptionWithoutSending()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Images.GenerateAsync(new("stability/sdxl", new string('a', 1_001)), Ct));

        Assert.Equal("prompt", error.ParamName);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task GenerateAsync_UnknownProvider_ThrowsNotFoundErrorWithProviderNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var request = new ImageGenerationRequest { Model = "stability/sdxl", Prompt = "a lighthouse", Provider = "acme" };

        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.Images.GenerateAsync(request, Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(ErrorCodes.ProviderNotFound, error.Code);
        Assert.Equal("provider", error.Param);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task Emulator_PromptOver1000Characters_Returns400ParameterInvalidWithParamPrompt()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "images/generations", $$"""{"model":"stability/sdxl","prompt":"{{new string('a', 1_001)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.ParameterInvalid, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("prompt", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Emulator_Prompt1000EmojiCharacters_IsAccepted()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var prompt = string.Concat(Enumerable.Repeat("🌊", 1_000));

        var (status, _, _) = await RawApi.PostAsync(emulator, "images/generations", $$"""{"model":"stability/sdxl","prompt":"{{prompt}}"}""");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("""{"model":"stability/sdxl"}""", ErrorCodes.ParameterMissing, "prompt")]
    [InlineData("""{"prompt":"a lighthouse"}""", ErrorCodes.ParameterMissing, "model")]
    [InlineData("""{"model":"sdxl","prompt":"a lighthouse"}""", ErrorCodes.ParameterInvalid, "model")]
    [InlineData("""{"model":"stability/sdxl:1:2","prompt":"a lighthouse"}""", ErrorCodes.ParameterInvalid, "model")]
    [InlineData("""{"model":"stability/sdxl","prompt":"a lighthouse","size":"big"}""", ErrorCodes.ParameterInvalid, "size")]
    [InlineData("""{"model":"stability/sdxl","prompt":"a lighthouse","routing":"fastest"}""", ErrorCodes.ParameterInvalid, "routing")]
    [InlineData("""{"model":"stability/sdxl","prompt":"a lighthouse","public":"yes"}""", ErrorCodes.ParameterInvalid, "public")]
    public async Task Emulator_InvalidRequest_Returns400NamingTheParameter(string json, string code, string param)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "images/generations", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
    }
}
