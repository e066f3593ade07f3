using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Creates messages (<c>POST /messages</c>), streamed or not, and counts their tokens (<c>POST /messages/count_tokens</c>). Thread-safe.</summary>
/// <remarks>A request with extended thinking on (<see cref="MessageRequest.Thinking"/>) is sent with <c>mythicdot-beta: extended-thinking-2025-01</c>,
/// unless the client's <see cref="MythicDotClientOptions.DefaultHeaders"/> or the call's <see cref="RequestOptions.Headers"/> set <c>mythicdot-beta</c>
/// themselves (theirs is sent instead).</remarks>
public class MessagesClient
{
    /// <summary>The beta feature that extended thinking opts in to.</summary>
    internal const string ExtendedThinkingBeta = "extended-thinking-2025-01";

    private static readonly byte[] StreamPrefix = "{\"stream\":true,"u8.ToArray();

    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="MessagesClient"/> class for mocking.</summary>
    protected MessagesClient()
    {
    }

    internal MessagesClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Asks the model for its next turn of a conversation.</summary>
    /// <param name="request">The model, token limit, messages and settings.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The message; <see cref="Message.Text"/>, <see cref="Message.Thinking"/> and <see cref="Message.ToolUses"/> read its blocks,
    /// <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (no model, <c>MaxTokens</c> below 1, no messages, a thinking
    /// budget below 1,024 or not below <c>MaxTokens</c>, ...); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how (<see cref="RateLimitError"/>, <see cref="BadRequestError"/>, ...). Transient failures are retried first.</exception>
    /// <remarks>Calls <see cref="CreateAsync(MessageRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<Message> CreateAsync(MessageRequest request, CancellationToken cancellationToken) => CreateAsync(request, null, cancellationToken);

    /// <summary>Asks the model for its next turn of a conversation, with per-call options.</summary>
    /// <param name="request">The model, token limit, messages and settings.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<Message> CreateAsync(MessageRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        MessageRequest.Validate(request, streaming: false);
        return _transport.SendAsync(Create(request, streaming: false), new ResponseReader<Message>(static () => MessagesJsonContext.Default.Message), options, cancellationToken);
    }

    /// <summary>Streams the model's turn as it is generated (server-sent events, one typed event each).</summary>
    /// <param name="request">The model, token limit, messages and settings; <c>"stream":true</c> is sent because this method streams.</param>
    /// <param name="cancellationToken">Cancels the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The events, in order, <see cref="MessageStopEvent"/> last. Fold them with <see cref="MessageStreamExtensions.ToMessageAsync"/> or <see cref="MessageAccumulator"/>.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent (thrown at once, not on enumeration).</exception>
    /// <exception cref="ApiError">From the enumeration: the call failed before the stream started (after retries), an <c>error</c> event arrived
    /// mid-stream (the typed error it names: <c>overloaded_error</c> is a <see cref="ServiceUnavailableError"/>, ...), or the connection dropped
    /// before <c>message_stop</c> (<see cref="ApiConnectionError"/>). Failures after the first event are not retried.</exception>
    /// <remarks>Calls <see cref="CreateStreamingAsync(MessageRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.
    /// Breaking out of the loop releases the connection at once.</remarks>
    public IAsyncEnumerable<MessageStreamEvent> CreateStreamingAsync(MessageRequest request, CancellationToken cancellationToken) =>
        CreateStreamingAsync(request, null, cancellationToken);

    /// <summary>Streams the model's turn as it is generated, with per-call options.</summary>
    /// <param name="request">The model, token limit, messages and settings.</param>
    /// <param name="options">Per-call headers, retries and timeout; the timeout bounds each attempt, the whole stream included.</param>
    /// <param name="cancellationToken">Cancels the stream; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">From the enumeration; see the other overload.</exception>
    public virtual IAsyncEnumerable<MessageStreamEvent> CreateStreamingAsync(MessageRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        MessageRequest.Validate(request, streaming: true);
        options?.Validate(_transport.Options);
        return _transport.StreamAsync(Create(request, streaming: true), new MessageStreamEventReader(), options, cancellationToken);
    }

    /// <summary>Counts the input tokens of a message request without running the model.</summary>
    /// <param name="request">The model, system prompt, messages and tools; <c>new MessageCountTokensRequest(messageRequest)</c> takes them from a <see cref="MessageRequest"/>.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The count, in <see cref="MessageTokenCount.InputTokens"/>.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (no model, no messages, ...); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    /// <remarks>Calls <see cref="CountTokensAsync(MessageCountTokensRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<MessageTokenCount> CountTokensAsync(MessageCountTokensRequest request, CancellationToken cancellationToken) => CountTokensAsync(request, null, cancellationToken);

    /// <summary>Counts the input tokens of a message request without running the model, with per-call options.</summary>
    /// <param name="request">The model, system prompt, messages and tools.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<MessageTokenCount> CountTokensAsync(MessageCountTokensRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        MessageCountTokensRequest.Validate(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MessagesJsonContext.Default.MessageCountTokensRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("count_tokens", request.Model), HttpMethod.Post, "messages/count_tokens", body),
            new ResponseReader<MessageTokenCount>(static () => MessagesJsonContext.Default.MessageTokenCount), options, cancellationToken);
    }

    /// <summary>The call of a message request: telemetry operation <c>chat</c> (GenAI's name for messages too), its body, and the thinking beta.</summary>
    private static ApiRequest Create(MessageRequest request, bool streaming)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, MessagesJsonContext.Default.MessageRequest);
        if (streaming)
        {
            // "stream" comes from the method, not from the caller's request, which is left as it is: spliced in front of the other members.
            var streamed = new byte[StreamPrefix.Length + body.Length - 1];
            StreamPrefix.CopyTo(streamed, 0);
            Array.Copy(body, 1, streamed, StreamPrefix.Length, body.Length - 1);
            body = streamed;
        }

        return new ApiRequest(new ApiOperation("chat", request.Model), HttpMethod.Post, "messages", body, request.ThinkingEnabled ? ExtendedThinkingBeta : null) { Tokens = request };
    }
}
