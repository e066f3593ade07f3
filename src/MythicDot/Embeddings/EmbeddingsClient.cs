using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Embeddings;

/// <summary>Creates embedding vectors (<c>POST /embeddings</c>). Thread-safe.</summary>
public class EmbeddingsClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="EmbeddingsClient"/> class for mocking.</summary>
    protected EmbeddingsClient()
    {
    }

    internal EmbeddingsClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Embeds one text.</summary>
    /// <param name="model">The model id, for example <c>mythic-embed-3</c>.</param>
    /// <param name="input">The text to embed.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector in <see cref="EmbeddingResponse.Data"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or <paramref name="input"/> is <see langword="null"/>; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how (<see cref="NotFoundError"/> for an unknown model, ...). Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(string model, string input, CancellationToken cancellationToken = default) =>
        CreateAsync(model, input, null, cancellationToken);

    /// <summary>Embeds one text, with per-call options.</summary>
    /// <param name="model">The model id, for example <c>mythic-embed-3</c>.</param>
    /// <param name="input">The text to embed.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector in <see cref="EmbeddingResponse.Data"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or <paramref name="input"/> is <see langword="null"/>; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(string model, string input, RequestOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(input);
        return Send(new EmbeddingRequest { Model = model, Input = [input] }, nameof(input), options, cancellationToken);
    }

    /// <summary>Embeds several texts in one call.</summary>
    /// <param name="model">The model id, for example <c>mythic-embed-3</c>.</param>
    /// <param name="inputs">The texts to embed: one to <see cref="EmbeddingRequest.MaxInputs"/>, none <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector per input in <see cref="EmbeddingResponse.Data"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty, or <paramref name="inputs"/> is empty, too long or holds a <see langword="null"/>; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(string model, IEnumerable<string> inputs, CancellationToken cancellationToken = default) =>
        CreateAsync(model, inputs, null, cancellationToken);

    /// <summary>Embeds several texts in one call, with per-call options.</summary>
    /// <param name="model">The model id, for example <c>mythic-embed-3</c>.</param>
    /// <param name="inputs">The texts to embed: one to <see cref="EmbeddingRequest.MaxInputs"/>, none <see langword="null"/>.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector per input in <see cref="EmbeddingResponse.Data"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty, or <paramref name="inputs"/> is empty, too long or holds a <see langword="null"/>; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(string model, IEnumerable<string> inputs, RequestOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var request = new EmbeddingRequest { Model = model, Input = inputs as IList<string> ?? inputs.ToList() };
        return Send(request, nameof(inputs), options, cancellationToken);
    }

    /// <summary>Embeds the texts of a request.</summary>
    /// <param name="request">The model, the inputs, and any extra fields.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector per input; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (no model, no inputs, more than
    /// <see cref="EmbeddingRequest.MaxInputs"/>, a <see langword="null"/> input, an extra field that a typed property sends); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Embeds the texts of a request, with per-call options.</summary>
    /// <param name="request">The model, the inputs, and any extra fields.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector per input; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, RequestOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Send(request, nameof(request), options, cancellationToken);
    }

    private Task<EmbeddingResponse> Send(EmbeddingRequest request, string paramName, RequestOptions? options, CancellationToken cancellationToken)
    {
        EmbeddingRequest.Validate(request, paramName);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MythicDotJsonContext.Default.EmbeddingRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("embeddings", request.Model), HttpMethod.Post, "embeddings", body), new ResponseReader<EmbeddingResponse>(MythicDotJsonContext.Default.EmbeddingResponse), options, cancellationToken);
    }
}
