using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OpenAI;
using OpenAI.Embeddings;
using PeerChat = OpenAI.Chat;

namespace MythicDot.Benchmarks;

/// <summary>
/// One call of each kind, answered in memory by the same canned response: Floor (bare HttpClient), Peer (OpenAI 2.15.0), MythicDot.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ClientBenchmarks
{
    private FloorClient _floorChat = null!;
    private FloorClient _floorStream = null!;
    private FloorClient _floorError = null!;
    private FloorClient _floorEmbeddings = null!;
    private FloorChatRequest _floorChatRequest = null!;
    private FloorChatRequest _floorStreamRequest = null!;
    private FloorEmbeddingRequest _floorEmbeddingRequest = null!;

    private PeerChat.ChatClient _peerChat = null!;
    private PeerChat.ChatClient _peerStream = null!;
    private PeerChat.ChatClient _peerError = null!;
    private EmbeddingClient _peerEmbeddings = null!;
    private PeerChat.ChatMessage[] _peerMessages = null!;

    private MythicDotClient _mythicChat = null!;
    private MythicDotClient _mythicStream = null!;
    private MythicDotClient _mythicError = null!;
    private MythicDotClient _mythicEmbeddings = null!;
    private ChatCompletionRequest _mythicRequest = null!;

    private HttpMessageHandler _constructHandler = null!;
    private OpenAIClientOptions _constructPeerOptions = null!;
    private ApiKeyCredential _constructCredential = null!;
    private MythicDotClientOptions _constructOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var messages = new List<FloorMessage>
        {
            new() { Role = "system", Content = CannedResponses.SystemPrompt },
            new() { Role = "user", Content = CannedResponses.UserPrompt },
        };
        _floorChat = new FloorClient(Http(CannedResponses.Chat), CannedResponses.BaseUrl, CannedResponses.ApiKey);
        _floorStream = new FloorClient(Http(CannedResponses.Stream), CannedResponses.BaseUrl, CannedResponses.ApiKey);
        _floorEmbeddings = new FloorClient(Http(CannedResponses.Embeddings), CannedResponses.BaseUrl, CannedResponses.ApiKey);
        _floorChatRequest = new FloorChatRequest { Model = CannedResponses.ChatModel, Messages = messages };
        _floorStreamRequest = new FloorChatRequest { Model = CannedResponses.ChatModel, Messages = messages, Stream = true };
        _floorEmbeddingRequest = new FloorEmbeddingRequest { Model = CannedResponses.EmbeddingModel, Input = CannedResponses.EmbeddingTexts };
        _floorError = new FloorClient(Http(CannedResponses.RateLimited), CannedResponses.BaseUrl, CannedResponses.ApiKey);

        // The peer as a user would configure it against another endpoint: default retry policy, except the error case (retries off).
        _peerChat = new PeerChat.ChatClient(CannedResponses.ChatModel, new ApiKeyCredential(CannedResponses.ApiKey), PeerOptions(CannedResponses.Chat, retries: null));
        _peerStream = new PeerChat.ChatClient(CannedResponses.ChatModel, new ApiKeyCredential(CannedResponses.ApiKey), PeerOptions(CannedResponses.Stream, retries: null));
        _peerError = new PeerChat.ChatClient(CannedResponses.ChatModel, new ApiKeyCredential(CannedResponses.ApiKey), PeerOptions(CannedResponses.RateLimited, retries: 0));
        _peerEmbeddings = new EmbeddingClient(CannedResponses.EmbeddingModel, new ApiKeyCredential(CannedResponses.ApiKey), PeerOptions(CannedResponses.Embeddings, retries: null));
        _peerMessages = [new PeerChat.SystemChatMessage(CannedResponses.SystemPrompt), new PeerChat.UserChatMessage(CannedResponses.UserPrompt)];

        // MythicDot as shipped: default retries (2), timeout, headers; retries off for the error case only.
        _mythicChat = Mythic(CannedResponses.Chat, maxRetries: null);
        _mythicStream = Mythic(CannedResponses.Stream, maxRetries: null);
        _mythicError = Mythic(CannedResponses.RateLimited, maxRetries: 0);
        _mythicEmbeddings = Mythic(CannedResponses.Embeddings, maxRetries: null);
        _mythicRequest = new ChatCompletionRequest
        {
            Model = CannedResponses.ChatModel,
            Messages = [ChatMessage.System(CannedResponses.SystemPrompt), ChatMessage.User(CannedResponses.UserPrompt)],
        };

        // Construction: each as a user builds one per use, sending through a handler (or transport) built once.
        _constructHandler = new CannedHandler(CannedResponses.Chat);
        _constructPeerOptions = new OpenAIClientOptions { Transport = new HttpClientPipelineTransport(new HttpClient(_constructHandler, disposeHandler: false)), Endpoint = CannedResponses.BaseUrl };
        _constructCredential = new ApiKeyCredential(CannedResponses.ApiKey);
        _constructOptions = new MythicDotClientOptions { ApiKey = CannedResponses.ApiKey, BaseUrl = CannedResponses.BaseUrl };

        Verify();
    }

    [Benchmark(Baseline = true, Description = "Floor")]
    [BenchmarkCategory("5 construct a client")]
    public Task<int> Construct_Floor()
    {
        var client = new FloorClient(new HttpClient(_constructHandler, disposeHandler: false), CannedResponses.BaseUrl, CannedResponses.ApiKey);
        return Task.FromResult(client.GetHashCode() & 1);
    }

    [Benchmark(Description = "Peer")]
    [BenchmarkCategory("5 construct a client")]
    public Task<int> Construct_Peer()
    {
        var client = new PeerChat.ChatClient(CannedResponses.ChatModel, _constructCredential, _constructPeerOptions);
        return Task.FromResult(client.GetHashCode() & 1);
    }

    [Benchmark(Description = "MythicDot")]
    [BenchmarkCategory("5 construct a client")]
    public Task<int> Construct_MythicDot()
    {
        var client = new MythicDotClient(_constructOptions);
        return Task.FromResult(client.GetHashCode() & 1);
    }

    [Benchmark(Baseline = true, Description = "Floor")]
    [BenchmarkCategory("1 chat completion")]
    public async Task<int> Chat_Floor()
    {
        var completion = await _floorChat.ChatAsync(_floorChatRequest).ConfigureAwait(false);
        return completion.Choices[0].Message.Content!.Length;
    }

    [Benchmark(Description = "Peer")]
    [BenchmarkCategory("1 chat completion")]
    public async Task<int> Chat_Peer()
    {
        PeerChat.ChatCompletion completion = await _peerChat.CompleteChatAsync(_peerMessages).ConfigureAwait(false);
        return completion.Content[0].Text.Length;
    }

    [Benchmark(Description = "MythicDot")]
    [BenchmarkCategory("1 chat completion")]
    public async Task<int> Chat_MythicDot()
    {
        var completion = await _mythicChat.Chat.Completions.CreateAsync(_mythicRequest).ConfigureAwait(false);
        return completion.Choices[0].Message.Content!.Length;
    }

    [Benchmark(Baseline = true, Description = "Floor")]
    [BenchmarkCategory("2 stream of 200 chunks")]
    public async Task<int> Stream_Floor()
    {
        var length = 0;
        await foreach (var chunk in _floorStream.StreamAsync(_floorStreamRequest).ConfigureAwait(false))
        {
            length += chunk.Choices[0].Delta.Content?.Length ?? 0;
        }

        return length;
    }

    [Benchmark(Description = "Peer")]
    [BenchmarkCategory("2 stream of 200 chunks")]
    public async Task<int> Stream_Peer()
    {
        var length = 0;
        await foreach (var update in _peerStream.CompleteChatStreamingAsync(_peerMessages).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                length += part.Text.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "MythicDot")]
    [BenchmarkCategory("2 stream of 200 chunks")]
    public async Task<int> Stream_MythicDot()
    {
        var length = 0;
        await foreach (var chunk in _mythicStream.Chat.Completions.CreateStreamingAsync(_mythicRequest).ConfigureAwait(false))
        {
            length += chunk.Choices[0].Delta.Content?.Length ?? 0;
        }

        return length;
    }

    [Benchmark(Baseline = true, Description = "Floor")]
    [BenchmarkCategory("3 typed error (429)")]
    public async Task<string?> Error_Floor()
    {
        try
        {
            await _floorError.ChatAsync(_floorChatRequest).ConfigureAwait(false);
            throw new InvalidOperationException("expected a 429");
        }
        catch (FloorApiException error)
        {
            return error.Code;
        }
    }

    [Benchmark(Description = "Peer")]
    [BenchmarkCategory("3 typed error (429)")]
    public async Task<string?> Error_Peer()
    {
        try
        {
            await _peerError.CompleteChatAsync(_peerMessages).ConfigureAwait(false);
            throw new InvalidOperationException("expected a 429");
        }
        catch (ClientResultException error)
        {
            return error.Status == 429 ? "rate_limit_exceeded" : null;
        }
    }

    [Benchmark(Description = "MythicDot")]
    [BenchmarkCategory("3 typed error (429)")]
    public async Task<string?> Error_MythicDot()
    {
        try
        {
            await _mythicError.Chat.Completions.CreateAsync(_mythicRequest).ConfigureAwait(false);
            throw new InvalidOperationException("expected a 429");
        }
        catch (RateLimitError error)
        {
            return error.Code;
        }
    }

    [Benchmark(Baseline = true, Description = "Floor")]
    [BenchmarkCategory("4 embeddings 16x1536 as numbers")]
    public async Task<int> Embeddings_Floor()
    {
        var response = await _floorEmbeddings.EmbedAsync(_floorEmbeddingRequest).ConfigureAwait(false);
        var total = 0;
        foreach (var item in response.Data)
        {
            total += item.Embedding.Length;
        }

        return total;
    }

    [Benchmark(Description = "Peer")]
    [BenchmarkCategory("4 embeddings 16x1536 as numbers")]
    public async Task<int> Embeddings_Peer()
    {
        OpenAIEmbeddingCollection response = await _peerEmbeddings.GenerateEmbeddingsAsync(CannedResponses.EmbeddingTexts).ConfigureAwait(false);
        var total = 0;
        foreach (var item in response)
        {
            total += item.ToFloats().Length;
        }

        return total;
    }

    [Benchmark(Description = "MythicDot")]
    [BenchmarkCategory("4 embeddings 16x1536 as numbers")]
    public async Task<int> Embeddings_MythicDot()
    {
        // As numbers, like the floor: the float-parsing path (base64, the default, is measured by EmbeddingSizes).
        var response = await _mythicEmbeddings.Embeddings.CreateAsync(new(CannedResponses.EmbeddingModel, CannedResponses.EmbeddingTexts) { EncodingFormat = EmbeddingEncodingFormat.Floats }).ConfigureAwait(false);
        var total = 0;
        foreach (var item in response.Data)
        {
            total += item.Vector.Length;
        }

        return total;
    }

    /// <summary>Runs every benchmark once and checks that each read the whole answer, so no case measures a short cut.</summary>
    public void Verify()
    {
        var answer = CannedResponses.Answer.Length;
        Expect(Chat_Floor().GetAwaiter().GetResult(), answer, nameof(Chat_Floor));
        Expect(Chat_Peer().GetAwaiter().GetResult(), answer, nameof(Chat_Peer));
        Expect(Chat_MythicDot().GetAwaiter().GetResult(), answer, nameof(Chat_MythicDot));

        var streamed = Stream_Floor().GetAwaiter().GetResult();
        Expect(streamed > 0, true, nameof(Stream_Floor));
        Expect(Stream_Peer().GetAwaiter().GetResult(), streamed, nameof(Stream_Peer));
        Expect(Stream_MythicDot().GetAwaiter().GetResult(), streamed, nameof(Stream_MythicDot));

        Expect(Error_Floor().GetAwaiter().GetResult(), "rate_limit_exceeded", nameof(Error_Floor));
        Expect(Error_Peer().GetAwaiter().GetResult(), "rate_limit_exceeded", nameof(Error_Peer));
        Expect(Error_MythicDot().GetAwaiter().GetResult(), "rate_limit_exceeded", nameof(Error_MythicDot));

        var floats = CannedResponses.EmbeddingInputs * CannedResponses.EmbeddingDimensions;
        Expect(Embeddings_Floor().GetAwaiter().GetResult(), floats, nameof(Embeddings_Floor));
        Expect(Embeddings_Peer().GetAwaiter().GetResult(), floats, nameof(Embeddings_Peer));
        Expect(Embeddings_MythicDot().GetAwaiter().GetResult(), floats, nameof(Embeddings_MythicDot));
    }

    private static void Expect<T>(T actual, T expected, string name)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            throw new InvalidOperationException($"{name} returned {actual}, expected {expected}.");
        }
    }

    private static HttpClient Http(CannedResponse canned) => new(new CannedHandler(canned));

    private static OpenAIClientOptions PeerOptions(CannedResponse canned, int? retries)
    {
        var options = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(Http(canned)),
            Endpoint = CannedResponses.BaseUrl,
        };
        if (retries is { } count)
        {
            options.RetryPolicy = new ClientRetryPolicy(count);
        }

        return options;
    }

    private static MythicDotClient Mythic(CannedResponse canned, int? maxRetries)
    {
        var options = new MythicDotClientOptions { ApiKey = CannedResponses.ApiKey, BaseUrl = CannedResponses.BaseUrl };
        if (maxRetries is { } count)
        {
            options.MaxRetries = count;
        }

        return new MythicDotClient(Http(canned), options);
    }
}
