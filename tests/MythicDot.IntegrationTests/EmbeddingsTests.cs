using System.Net;
using System.Text.Json;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests;

/// <summary>Embeddings through the emulator: vectors derived from the text alone, batches, dimensions and validation.</summary>
public sealed class EmbeddingsTests
{
    private const string Model = "mythic-embed-3";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_OneText_Returns1536FloatUnitVectorAndUsage()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var response = await client.Embeddings.CreateAsync(new(Model, "The quick brown fox"), Ct);

        var embedding = Assert.Single(response.Data);
        Assert.Equal(0, embedding.Index);
        Assert.Equal(1536, embedding.Vector.Length);
        Assert.Equal(1.0, Math.Sqrt(embedding.Vector.ToArray().Sum(v => (double)v * v)), 4);
        Assert.Equal(Model, response.Model);
        Assert.Equal(4, response.Usage!.PromptTokens);
        Assert.Equal(4, response.Usage.TotalTokens);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("""{"model":"mythic-embed-3","input":"The quick brown fox","encoding_format":"base64"}""", request.Body);
    }

    [Fact]
    public async Task CreateAsync_SameTextTwice_ReturnsTheSameVector()
    {
        await using var first = await MythicDotEmulator.StartAsync(Ct);
        await using var second = await MythicDotEmulator.StartAsync(Ct);

        var a = await first.CreateClient().Embeddings.CreateAsync(new(Model, "lighthouse"), Ct);
        var b = await second.CreateClient().Embeddings.CreateAsync(new(Model, "lighthouse"), Ct);

        Assert.Equal(a.Data[0].Vector.ToArray(), b.Data[0].Vector.ToArray());
    }

    [Fact]
    public async Task CreateAsync_DifferentTexts_ReturnDifferentVectors()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var a = await client.Embeddings.CreateAsync(new(Model, "lighthouse"), Ct);
        var b = await client.Embeddings.CreateAsync(new(Model, "Lighthouse"), Ct);

        Assert.NotEqual(a.Data[0].Vector.ToArray(), b.Data[0].Vector.ToArray());
    }

    [Fact]
    public async Task CreateAsync_Batch_ReturnsOneVectorPerInputInInputOrder()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        string[] texts = ["alpha", "beta gamma", "delta"];

        var batch = await client.Embeddings.CreateAsync(new(Model, texts), Ct);

        Assert.Equal([0, 1, 2], batch.Data.Select(e => e.Index));
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await client.Embeddings.CreateAsync(new(Model, texts[i]), Ct);
            Assert.Equal(single.Data[0].Vector.ToArray(), batch.Data[i].Vector.ToArray());
        }

        Assert.Equal(4, batch.Usage!.PromptTokens);
    }

    [Fact]
    public async Task CreateAsync_Dimensions256_ReturnsUnitVectorOfThatLength()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var response = await client.Embeddings.CreateAsync(Request("lighthouse", ("dimensions", "256")), Ct);

        var vector = response.Data[0].Vector.ToArray();
        Assert.Equal(256, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
        Assert.Contains("\"dimensions\":256", Assert.Single(emulator.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Base64ByDefault_DecodesToTheSameVectorAsFloats()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var asFloats = Request("lighthouse", ("dimensions", "8"));
        asFloats.EncodingFormat = EmbeddingEncodingFormat.Floats;

        var floats = await client.Embeddings.CreateAsync(asFloats, Ct);
        var base64 = await client.Embeddings.CreateAsync(Request("lighthouse", ("dimensions", "8")), Ct);

        Assert.Equal(floats.Data[0].Vector.ToArray(), base64.Data[0].Vector.ToArray());
        Assert.Contains("\"encoding_format\":\"float\"", emulator.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"encoding_format\":\"base64\"", emulator.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_EmptyText_ThrowsBadRequestErrorWithParamInput()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.Embeddings.CreateAsync(new(Model, ["first", string.Empty]), Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(ErrorCodes.ParameterInvalid, error.Code);
        Assert.Equal("input", error.Param);
        Assert.Contains("input[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Attempts);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CreateAsync_ChatModel_ThrowsBadRequestErrorWithParamModel()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.Embeddings.CreateAsync(new("mythic-4", "hello"), Ct));

        Assert.Equal(ErrorCodes.ParameterInvalid, error.Code);
        Assert.Equal("model", error.Param);
    }

    [Fact]
    public async Task CreateAsync_UnknownModel_ThrowsNotFoundErrorWithModelNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.Embeddings.CreateAsync(new("mythic-embed-99", "hello"), Ct));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
        Assert.Equal("model", error.Param);
    }

    [Theory]
    [InlineData("""{"model":"mythic-embed-3"}""", ErrorCodes.ParameterMissing)]
    [InlineData("""{"model":"mythic-embed-3","input":[]}""", ErrorCodes.ParameterInvalid)]
    [InlineData("""{"model":"mythic-embed-3","input":["a",1]}""", ErrorCodes.ParameterInvalid)]
    [InlineData("""{"model":"mythic-embed-3","input":{"text":"a"}}""", ErrorCodes.ParameterInvalid)]
    public async Task Emulator_InvalidInput_Returns400WithParamInput(string json, string code)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "embeddings", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("input", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Emulator_MoreThan2048Inputs_Returns400WithParamInput()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var json = JsonSerializer.Serialize(new { model = Model, input = Enumerable.Repeat("a", 2_049) });

        var (status, _, body) = await RawApi.PostAsync(emulator, "embeddings", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.ParameterInvalid, body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("input", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1537")]
    [InlineData("\"256\"")]
    public async Task Emulator_DimensionsOutOfRange_Returns400WithParamDimensions(string dimensions)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var (status, _, body) = await RawApi.PostAsync(emulator, "embeddings", $$"""{"model":"mythic-embed-3","input":"a","dimensions":{{dimensions}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("dimensions", body.GetProperty("error").GetProperty("param").GetString());
    }

    private static EmbeddingRequest Request(string input, params (string Name, string Json)[] extra) => new()
    {
        Model = Model,
        Input = [input],
        AdditionalProperties = extra.ToDictionary(e => e.Name, e => JsonDocument.Parse(e.Json).RootElement.Clone()),
    };
}
