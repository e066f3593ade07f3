using System.Net;
using Microsoft.Extensions.AI;

namespace MythicDot.Tests.ExtensionsAI;

public sealed class MythicDotEmbeddingGeneratorTests : IDisposable
{
    private const string Path = "embeddings";

    // The API may list vectors in any order; index says which input each embeds.
    private const string ShuffledAnswer = """
        {"object":"list","data":[
          {"object":"embedding","index":2,"embedding":[3.0,3.5]},
          {"object":"embedding","index":0,"embedding":[1.0,1.5]},
          {"object":"embedding","index":1,"embedding":[2.0,2.5]}],
         "model":"mythic-embed-3-2025","usage":{"prompt_tokens":9,"total_tokens":9}}
        """;

    private readonly FakeApi _api = new();
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;

    public MythicDotEmbeddingGeneratorTests()
    {
        _generator = _api.Client.AsIEmbeddingGenerator("mythic-embed-3");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _generator.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task GenerateAsync_SeveralValues_SendsOneRequestAndReturnsEmbeddingsInInputOrder()
    {
        _api.Answer(Path, ShuffledAnswer);

        var embeddings = await _generator.GenerateAsync(["first", "second", "third"], cancellationToken: Ct);

        Assert.Equal("""{"model":"mythic-embed-3","input":["first","second","third"],"encoding_format":"base64"}""", Assert.Single(_api.Bodies));
        Assert.Equal(new[] { new[] { 1.0f, 1.5f }, [2.0f, 2.5f], [3.0f, 3.5f] }, embeddings.Select(e => e.Vector.ToArray()));
    }

    [Fact]
    public async Task GenerateAsync_Response_MapsUsageAndModelId()
    {
        _api.Answer(Path, ShuffledAnswer);

        var embeddings = await _generator.GenerateAsync(["first", "second", "third"], cancellationToken: Ct);

        Assert.Equal(9, embeddings.Usage!.InputTokenCount);
        Assert.Equal(9, embeddings.Usage.TotalTokenCount);
        Assert.Null(embeddings.Usage.OutputTokenCount);
        Assert.All(embeddings, e => Assert.Equal("mythic-embed-3-2025", e.ModelId));
        Assert.All(embeddings, e => Assert.Equal(2, e.Dimensions));
    }

    [Fact]
    public async Task GenerateAsync_ModelIdAndAdditionalProperties_SendsThem()
    {
        _api.Answer(Path, ShuffledAnswer);
        var options = new EmbeddingGenerationOptions { ModelId = "mythic-embed-3-large", AdditionalProperties = new() { ["dimensions"] = 256 } };

        await _generator.GenerateAsync(["one"], options, Ct);

        Assert.Equal("""{"model":"mythic-embed-3-large","input":"one","encoding_format":"base64","dimensions":256}""", Assert.Single(_api.Bodies));
    }

    [Fact]
    public async Task GenerateAsync_Dimensions_ThrowsNotSupportedNamingTheAdditionalPropertyAndSendsNothing()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            _generator.GenerateAsync(["one"], new EmbeddingGenerationOptions { Dimensions = 256 }, Ct));

        Assert.Contains("EmbeddingGenerationOptions.Dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("AdditionalProperties[\"dimensions\"]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public async Task GenerateAsync_NoValues_SendsNothingAndReturnsNoEmbeddings()
    {
        var embeddings = await _generator.GenerateAsync([], cancellationToken: Ct);

        Assert.Empty(embeddings);
        Assert.Equal(0, _api.Calls);
    }

    [Fact]
    public async Task GenerateAsync_ModelNotFound_ThrowsNotFoundErrorUnwrapped()
    {
        _api.Answer(Path, """{"error":{"message":"No such model","code":"model.notfound"}}""", HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<NotFoundError>(() => _generator.GenerateAsync(["one"], cancellationToken: Ct));

        Assert.Equal("model.notfound", error.Code);
    }

    [Fact]
    public void GetService_MetadataClientAndSelf_AreReturned()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("mythicdot", metadata!.ProviderName);
        Assert.Equal(new Uri("https://api.test/v1/"), metadata.ProviderUri);
        Assert.Equal("mythic-embed-3", metadata.DefaultModelId);
        Assert.Same(_api.Client, _generator.GetService<MythicDotClient>());
        Assert.Same(_generator, _generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Null(_generator.GetService<EmbeddingGeneratorMetadata>("key"));
    }
}
