using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot;

/// <summary>Creates chat completions (<c>POST /chat/completions</c>). Thread-safe.</summary>
public class ChatCompletionsClient
{
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
    public virtual Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Asks the model for the next message of a conversation, with per-call options.</summary>
    /// <param name="request">The model, messages and sampling settings.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The completion; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<ChatCompletion> CreateAsync(ChatCompletionRequest request, RequestOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChatCompletionRequest.Validate(request, streaming: false);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MythicDotJsonContext.Default.ChatCompletionRequest);
        return _transport.SendAsync(HttpMethod.Post, "chat/completions", body, MythicDotJsonContext.Default.ChatCompletion, options, cancellationToken);
    }
}
