using Microsoft.Extensions.AI;

namespace MythicDot.ExtensionsAI;

/// <summary>An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over <c>POST /embeddings</c>; see <see cref="Microsoft.Extensions.AI.MythicDotClientExtensions.AsIEmbeddingGenerator"/>.</summary>
internal sealed class MythicDotEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly MythicDotClient _client;
    private readonly string _model;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public MythicDotEmbeddingGenerator(MythicDotClient client, string model)
    {
        _client = client;
        _model = model;
        _metadata = new EmbeddingGeneratorMetadata(MythicDotClientExtensions.ProviderName, client.BaseUrl, model);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(values, options);
        if (request.Input.Count == 0)
        {
            return [];
        }

        var response = await _client.Embeddings.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var model = string.IsNullOrEmpty(response.Model) ? request.Model : response.Model;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(
            response.Data.OrderBy(e => e.Index).Select(e => new Embedding<float>(e.Vector) { ModelId = model }))
        {
            Usage = response.Usage is { } usage ? new UsageDetails { InputTokenCount = usage.PromptTokens, TotalTokenCount = usage.TotalTokens } : null,
            AdditionalProperties = ExtensionsAIJson.ToAdditionalProperties(response.AdditionalProperties),
        };
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    public void Dispose()
    {
        // The MythicDotClient belongs to the caller.
    }

    private EmbeddingRequest ToRequest(IEnumerable<string> values, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions)
        {
            // The API documents no way to shorten vectors; a model that accepts one takes it as an additional property.
            throw new NotSupportedException(
                $"EmbeddingGenerationOptions.Dimensions ({dimensions}) is not supported: the MythicDot embeddings API does not document it. "
                + "If the model accepts a 'dimensions' field, send it as EmbeddingGenerationOptions.AdditionalProperties[\"dimensions\"] instead.");
        }

        var request = options?.RawRepresentationFactory?.Invoke(this) switch
        {
            null => new EmbeddingRequest(),
            EmbeddingRequest raw => raw,
            var other => throw new NotSupportedException(
                $"EmbeddingGenerationOptions.RawRepresentationFactory returned {other.GetType()}; the MythicDot embedding generator takes a {typeof(EmbeddingRequest)}."),
        };

        if (string.IsNullOrEmpty(request.Model))
        {
            request.Model = options?.ModelId ?? _model;
        }

        request.Input = values as IList<string> ?? values.ToList();
        request.AdditionalProperties = ExtensionsAIJson.MergeInto(request.AdditionalProperties, options?.AdditionalProperties);
        return request;
    }
}
