using MythicDot.Chat;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>Creates chat completions (<c>POST /chat/completions</c>). Thread-safe.</summary>
public class ChatCompletionsClient
{
    private static readonly SpanReader<ChatCompletion> ReadCompletion = ChatCompletionReader.TryRead;

    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="ChatCompletionsClient"/> class for mocking.</summary>
    protected ChatCompletionsClient()
    {
    }

    internal ChatCompletionsClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Asks the model for the next message of a conversation.</summary>
    /// <param name="request">The model, messages and sampling settings.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The completion; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (no model, no messages, temperature out of range, ...); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how (<see cref="RateLimitError"/>, <see cref="BadRequestError"/>, ...). Transient failures are retried first.</exception>
    /// <remarks>Calls <see cref="CreateAsync(ChatCompletionRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, CancellationToken cancellationToken) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Asks the model for the next message of a conversation, with per-call options.</summary>
    /// <param name="request">The model, messages and sampling settings.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The completion; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChatCompletionRequest.Validate(request, streaming: false);
        var body = ChatCompletionRequestWriter.ToUtf8Bytes(request, streaming: false);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("chat", request.Model), HttpMethod.Post, "chat/completions", body) { Tokens = request }, new ResponseReader<ChatCompletion>(static () => ChatJsonContext.Default.ChatCompletion, ReadCompletion), options, cancellationToken);
    }

    /// <summary>Streams the model's answer as it is generated (server-sent events).</summary>
    /// <param name="request">The model, messages and sampling settings; <c>"stream":true</c> is sent because this method streams; the request has no stream setting.</param>
    /// <param name="cancellationToken">Cancels the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The chunks, in order. Fold them with <see cref="ChatCompletionStreamExtensions.ToCompletionAsync"/> or <see cref="ChatCompletionAccumulator"/>.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent (thrown at once, not on enumeration).</exception>
    /// <exception cref="ApiError">From the enumeration: the call failed before the stream started (after retries), an error event arrived
    /// mid-stream (the typed error it names), or the connection dropped before <c>[DONE]</c> (<see cref="ApiConnectionError"/>).
    /// Failures after the first chunk are not retried.</exception>
    /// <remarks>Calls <see cref="CreateStreamingAsync(ChatCompletionRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public IAsyncEnumerable<ChatCompletionChunk> CreateStreamingAsync(ChatCompletionRequest request, CancellationToken cancellationToken) =>
        CreateStreamingAsync(request, null, cancellationToken);

    /// <summary>Streams the model's answer as it is generated, with per-call options.</summary>
    /// <param name="request">The model, messages and sampling settings.</param>
    /// <param name="options">Per-call headers, retries and timeout; the timeout bounds each attempt, the whole stream included.</param>
    /// <param name="cancellationToken">Cancels the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The chunks, in order.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">From the enumeration; see the other overload.</exception>
    public virtual IAsyncEnumerable<ChatCompletionChunk> CreateStreamingAsync(ChatCompletionRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletionRequest.Validate(request, streaming: true);
        options?.Validate(_transport.Options);
        var body = ChatCompletionRequestWriter.ToUtf8Bytes(request, streaming: true);
        return _transport.StreamAsync(new ApiRequest(new ApiOperation("chat", request.Model), HttpMethod.Post, "chat/completions", body) { Tokens = request }, new ChatCompletionChunkReader(), options, cancellationToken);
    }
}
