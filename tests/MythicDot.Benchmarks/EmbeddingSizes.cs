using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Embeddings;

namespace MythicDot.Benchmarks;

/// <summary>
/// Embeddings of 1 to 2,048 inputs (1,536 dimensions), every implementation asking for base64 and answered with it: the floor
/// decodes the way a careful hand-written client does (string, bytes, floats), the OpenAI SDK and MythicDot as they ship.
/// </summary>
internal sealed class EmbeddingSizes
{
    public static readonly int[] Sizes = [1, 16, 256, 2048];

    private readonly FloorClient _floor;
    private readonly FloorEmbeddingRequest _floorRequest;
    private readonly EmbeddingClient _peer;
    private readonly IReadOnlyList<string> _texts;
    private readonly MythicDotClient _mythic;
    private readonly int _expected;

    public EmbeddingSizes(int inputs)
    {
        var canned = CannedResponses.EmbeddingsFor(inputs);
        _texts = CannedResponses.EmbeddingTextsFor(inputs);
        _expected = inputs * CannedResponses.EmbeddingDimensions;
        _floor = new FloorClient(new HttpClient(new CannedHandler(canned)), CannedResponses.BaseUrl, CannedResponses.ApiKey);
        _floorRequest = new FloorEmbeddingRequest { Model = CannedResponses.EmbeddingModel, Input = _texts };
        _peer = new EmbeddingClient(
            CannedResponses.EmbeddingModel,
            new ApiKeyCredential(CannedResponses.ApiKey),
            new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(new HttpClient(new CannedHandler(canned))), Endpoint = CannedResponses.BaseUrl });
        _mythic = new MythicDotClient(new HttpClient(new CannedHandler(canned)), new MythicDotClientOptions { ApiKey = CannedResponses.ApiKey, BaseUrl = CannedResponses.BaseUrl });
        Check(Floor().GetAwaiter().GetResult(), nameof(Floor));
        Check(Peer().GetAwaiter().GetResult(), nameof(Peer));
        Check(Mythic().GetAwaiter().GetResult(), nameof(Mythic));
    }

    public async Task<int> Floor()
    {
        var vectors = await _floor.EmbedBase64Async(_floorRequest).ConfigureAwait(false);
        return vectors.Sum(v => v.Length);
    }

    public async Task<int> Peer()
    {
        OpenAIEmbeddingCollection response = await _peer.GenerateEmbeddingsAsync(_texts).ConfigureAwait(false);
        return response.Sum(e => e.ToFloats().Length);
    }

    public async Task<int> Mythic()
    {
        var response = await _mythic.Embeddings.CreateAsync(new(CannedResponses.EmbeddingModel, _texts)).ConfigureAwait(false);
        return response.Data.Sum(e => e.Vector.Length);
    }

    private void Check(int floats, string name)
    {
        if (floats != _expected)
        {
            throw new InvalidOperationException($"{name} read {floats} floats, expected {_expected}.");
        }
    }
}
