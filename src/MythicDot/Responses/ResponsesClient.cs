using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>Creates, fetches and deletes responses (<c>/responses</c>): the API that keeps the conversation on the server. Thread-safe.</summary>
public class ResponsesClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="ResponsesClient"/> class for mocking.</summary>
    protected ResponsesClient()
    {
    }

    internal ResponsesClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Creates a response to an input.</summary>
    /// <param name="request">The model, the input, and optionally the response it continues and the tools.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response: <see cref="ModelResponse.OutputText"/>, its items, and its <see cref="ModelResponse.Id"/> to continue from.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule (no model, no input or both forms, an item
    /// without what its type needs, a tool without a name); nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    /// <remarks>Build the request in place with <c>new("mythic-4", "text")</c>.
    /// Calls <see cref="CreateAsync(ResponseRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ModelResponse> CreateAsync(ResponseRequest request, CancellationToken cancellationToken) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a response to an input, with per-call options.</summary>
    /// <param name="request">The model, the input, and optionally the response it continues and the tools.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<ModelResponse> CreateAsync(ResponseRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ResponseRequest.Validate(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ResponsesJsonContext.Default.ResponseRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("chat", request.Model), HttpMethod.Post, "responses", body) { Tokens = request }, new ResponseReader<ModelResponse>(static () => ResponsesJsonContext.Default.ModelResponse), options, cancellationToken);
    }

    /// <summary>Fetches a response the server kept.</summary>
    /// <param name="id">The response's id, for example <c>resp_abc123</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, as created.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such response (deleted, or created with <c>store: false</c>).</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="GetAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ModelResponse> GetAsync(string id, CancellationToken cancellationToken) => GetAsync(id, null, cancellationToken);

    /// <summary>Fetches a response the server kept, with per-call options.</summary>
    /// <param name="id">The response's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such response.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<ModelResponse> GetAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = "responses/" + RequestPath.Segment(id, nameof(id));
        _transport.UriFor(path, nameof(id));
        return _transport.SendAsync(new ApiRequest(new ApiOperation("retrieve_response"), HttpMethod.Get, path), new ResponseReader<ModelResponse>(static () => ResponsesJsonContext.Default.ModelResponse), options, cancellationToken);
    }

    /// <summary>Deletes a response the server kept; a later request cannot continue it.</summary>
    /// <param name="id">The response's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's confirmation.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such response.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="DeleteAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ResponseDeletion> DeleteAsync(string id, CancellationToken cancellationToken) => DeleteAsync(id, null, cancellationToken);

    /// <summary>Deletes a response the server kept, with per-call options.</summary>
    /// <param name="id">The response's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's confirmation.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such response.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<ResponseDeletion> DeleteAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = "responses/" + RequestPath.Segment(id, nameof(id));
        _transport.UriFor(path, nameof(id));
        return _transport.SendAsync(new ApiRequest(new ApiOperation("delete_response"), HttpMethod.Delete, path), new ResponseReader<ResponseDeletion>(static () => ResponsesJsonContext.Default.ResponseDeletion), options, cancellationToken);
    }
}
