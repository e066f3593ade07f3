using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot;

/// <summary>
/// The client for the MythicDot API. Thread-safe and cheap to share: build one and use it for the life of the application.
/// </summary>
/// <remarks>
/// Every call sends <c>Authorization: Bearer</c>, maps failures to a typed <see cref="ApiError"/>, and retries
/// transient failures (429, 5xx, connection failures, timeouts) with jittered exponential backoff, waiting exactly
/// as long as the server asks. The members are virtual so that the client can be mocked.
/// </remarks>
public class MythicDotClient
{
    private readonly ApiTransport _transport;

    /// <summary>Initializes a new instance of the <see cref="MythicDotClient"/> class with the key in <c>MYTHICDOT_API_KEY</c>
    /// and the base URL in <c>MYTHICDOT_BASE_URL</c> (or the default).</summary>
    /// <exception cref="ArgumentException">No key is set; the message names <c>MYTHICDOT_API_KEY</c>.</exception>
    public MythicDotClient()
        : this(new MythicDotClientOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotClient"/> class with a key.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public MythicDotClient(string apiKey)
        : this(new MythicDotClientOptions { ApiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey)) })
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotClient"/> class with options.</summary>
    /// <param name="options">The options; copied, so later changes do not affect the client.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names every invalid option.</exception>
    public MythicDotClient(MythicDotClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotClient"/> class that sends through a caller-owned <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The client to send with; the SDK still adds auth, typed errors and retries. Give it
    /// <c>Timeout = Timeout.InfiniteTimeSpan</c> so that <see cref="MythicDotClientOptions.Timeout"/> governs; if its own timeout fires,
    /// the attempt fails with <see cref="ApiTimeoutError"/>. The SDK never disposes it.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults and the environment.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names every invalid option.</exception>
    public MythicDotClient(HttpClient? httpClient, MythicDotClientOptions? options = null)
        : this(httpClient ?? SharedHttp.Client, ClientState.Create(options))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotClient"/> class for mocking: it needs no key, reads no environment
    /// variable and sends nothing.</summary>
    /// <param name="baseUrl">What <see cref="BaseUrl"/> returns.</param>
    /// <remarks>
    /// For a fake client in unit tests, where a mocking library overrides the virtual members: for example
    /// <c>Substitute.For&lt;MythicDotClient&gt;(new Uri("https://api.test/v1/"))</c> with NSubstitute. The resource clients
    /// (<see cref="Chat"/>, <see cref="Models"/>, <see cref="Embeddings"/>, <see cref="Images"/>, <see cref="Moderations"/>, <see cref="Responses"/>,
    /// <see cref="Messages"/>, <see cref="Realtime"/>, <see cref="Files"/>, <see cref="Batches"/>) are <see langword="null"/> here, so
    /// override the ones the code under test uses; each has a protected parameterless constructor and virtual operations, and every
    /// response model can be built with an object initializer, <see cref="ApiResponse.Response"/> included.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="baseUrl"/> is <see langword="null"/>.</exception>
    protected MythicDotClient(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = baseUrl;
        _transport = null!;
        Chat = null!;
        Models = null!;
        Embeddings = null!;
        Images = null!;
        Moderations = null!;
        Responses = null!;
        Messages = null!;
        Realtime = null!;
        Files = null!;
        Batches = null!;
    }

    /// <summary>Initializes a new instance of the <see cref="MythicDotClient"/> class with state already built, as dependency injection does once per name.</summary>
    /// <param name="httpClient">The client to send with.</param>
    /// <param name="state">The resolved options, retry pipelines and caches.</param>
    internal MythicDotClient(HttpClient httpClient, ClientState state)
    {
        var transport = new ApiTransport(httpClient, state);
        _transport = transport;
        State = state;
        BaseUrl = state.BaseUrl;
        Chat = new ChatClient(transport);
        Models = new ModelsClient(transport);
        Embeddings = new EmbeddingsClient(transport);
        Images = new ImagesClient(transport);
        Moderations = new ModerationsClient(transport);
        Responses = new ResponsesClient(transport);
        Messages = new MessagesClient(transport);
        Realtime = new RealtimeClient(state);
        Files = new FilesClient(transport);
        Batches = new BatchesClient(transport, this);
    }

    /// <summary>Gets the client's resolved options, retry pipelines and caches (for tests).</summary>
    internal ClientState State { get; } = null!;

    /// <summary>Gets the base URL the client sends to (always ending in <c>/</c>).</summary>
    public virtual Uri BaseUrl { get; }

    /// <summary>Gets the chat endpoints: <c>client.Chat.Completions.CreateAsync(...)</c>.</summary>
    public virtual ChatClient Chat { get; }

    /// <summary>Gets the models endpoints: <c>client.Models.ListAsync()</c>, <c>client.Models.GetAsync(id)</c>.</summary>
    public virtual ModelsClient Models { get; }

    /// <summary>Gets the embeddings endpoint: <c>client.Embeddings.CreateAsync(new("mythic-embed-3", "text"))</c>.</summary>
    public virtual EmbeddingsClient Embeddings { get; }

    /// <summary>Gets the images endpoint: <c>client.Images.GenerateAsync(new("stability/sdxl", "a lighthouse at dusk"))</c>.</summary>
    public virtual ImagesClient Images { get; }

    /// <summary>Gets the moderations endpoint: <c>client.Moderations.CreateAsync(new("text to check"))</c>.</summary>
    public virtual ModerationsClient Moderations { get; }

    /// <summary>Gets the responses endpoints, where the server keeps the conversation: <c>client.Responses.CreateAsync(new("mythic-4", "Hi"))</c>,
    /// then <c>PreviousResponseId = response.Id</c> on the next request.</summary>
    public virtual ResponsesClient Responses { get; }

    /// <summary>Gets the messages endpoints: <c>client.Messages.CreateAsync(new MessageRequest("mythic-4", 1024, "Hello"))</c>,
    /// <c>CreateStreamingAsync</c> and <c>CountTokensAsync</c>.</summary>
    public virtual MessagesClient Messages { get; }

    /// <summary>Gets the realtime endpoint: <c>await using var session = await client.Realtime.ConnectAsync();</c>, then events both ways over one WebSocket.</summary>
    public virtual RealtimeClient Realtime { get; }

    /// <summary>Gets the files endpoint: <c>await client.Files.UploadFromPathAsync("requests.jsonl", FilePurpose.Batch)</c>, list, download, delete.</summary>
    public virtual FilesClient Files { get; }

    /// <summary>Gets the batches endpoint: create, retrieve, list, cancel, and <c>client.Batches.CreateRunner()</c> to run chat requests as a batch end to end.</summary>
    public virtual BatchesClient Batches { get; }

    /// <summary>Sends a request to any API path the SDK does not type yet (files, batches, vector stores, ...),
    /// with the same authentication, typed errors and retries as every typed call.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to <see cref="BaseUrl"/>, for example <c>moderations</c> or <c>files/file-123?limit=10</c>; build
    /// segments from values with <see cref="Uri.EscapeDataString(string)"/>. A path that would resolve outside <see cref="BaseUrl"/> (another scheme,
    /// host or port, user info, or a path not under the base path, also once percent-decoded) is refused, so the key never goes to another host; so are
    /// white space, control characters, <c>\</c>, dot segments and fragments, which <see cref="Uri"/> would silently change or drop.</param>
    /// <param name="body">The JSON body, or <see langword="null"/> for none.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The JSON body of the response, with the response metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, absolute, or resolves outside <see cref="BaseUrl"/>; nothing is sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<ApiJsonResponse> SendRequestAsync(HttpMethod method, string path, JsonElement? body = null, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var relative = ValidateRelativePath(path);
        var bytes = body is { } json ? JsonSerializer.SerializeToUtf8Bytes(json, MythicDotJsonContext.Default.JsonElement) : null;
        return _transport.SendAsync(new ApiRequest(new ApiOperation("raw"), method, relative, bytes), new ResponseReader<ApiJsonResponse>(static () => MythicDotJsonContext.Default.ApiJsonResponse, Empty: static () => new ApiJsonResponse(default)), options, cancellationToken);
    }

    /// <summary>Sends a request with a JSON body to any API path; see the fuller overload.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to <see cref="BaseUrl"/>.</param>
    /// <param name="body">The JSON body, or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The JSON body of the response, with the response metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, absolute, or resolves outside <see cref="BaseUrl"/>; nothing is sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    /// <remarks>Calls <see cref="SendRequestAsync(HttpMethod, string, JsonElement?, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ApiJsonResponse> SendRequestAsync(HttpMethod method, string path, JsonElement? body, CancellationToken cancellationToken) =>
        SendRequestAsync(method, path, body, null, cancellationToken);

    /// <summary>Sends a request with no body to any API path; see the fuller overload.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to <see cref="BaseUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The JSON body of the response, with the response metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, absolute, or resolves outside <see cref="BaseUrl"/>; nothing is sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    /// <remarks>Calls <see cref="SendRequestAsync(HttpMethod, string, JsonElement?, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ApiJsonResponse> SendRequestAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        SendRequestAsync(method, path, null, null, cancellationToken);

    private string ValidateRelativePath(string path)
    {
        var relative = RequestPath.ValidateRaw(path, nameof(path));
        _transport.UriFor(relative, nameof(path)); // resolved and checked now, so that a path outside BaseUrl throws before anything is sent
        return relative;
    }
}
