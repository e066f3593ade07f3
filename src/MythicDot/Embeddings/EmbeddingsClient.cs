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

    /// <summary>Embeds the texts of a request.</summary>
    /// <param name="request">The model, the inputs, and any extra fields.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector per input; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (no model, no inputs, more than
    /// <see cref="EmbeddingRequest.MaxInputs"/>, a <see langword="null"/> input, an extra field that a typed property sends); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    /// <remarks>Build the request in place with <c>new("mythic-embed-3", "text")</c> or <c>new("mythic-embed-3", ["first", "second"])</c>.
    /// Calls <see cref="CreateAsync(EmbeddingRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Embeds the texts of a request, with per-call options.</summary>
    /// <param name="request">The model, the inputs, and any extra fields.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response, with one vector per input; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<EmbeddingResponse> CreateAsync(EmbeddingRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EmbeddingRequest.Validate(request, nameof(request));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, EmbeddingsJsonContext.Default.EmbeddingRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("embeddings", request.Model), HttpMethod.Post, "embeddings", body) { Tokens = request }, new ResponseReader<EmbeddingResponse>(static () => EmbeddingsJsonContext.Default.EmbeddingResponse), options, cancellationToken);
    }
}
