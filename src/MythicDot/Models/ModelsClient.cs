using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Models;

/// <summary>Lists and retrieves models (<c>GET /models</c>, <c>GET /models/{id}</c>). Thread-safe.</summary>
public class ModelsClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="ModelsClient"/> class for mocking.</summary>
    protected ModelsClient()
    {
    }

    internal ModelsClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Lists the models the key can use.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models; the list's <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    /// <remarks>Calls <see cref="ListAsync(RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ModelList> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    /// <summary>Lists the models the key can use, with per-call options.</summary>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models; the list's <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual async Task<ModelList> ListAsync(RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var page = await _transport.SendAsync(new ApiRequest(new ApiOperation("list_models"), HttpMethod.Get, "models"), new ResponseReader<ModelListPage>(static () => ModelsJsonContext.Default.ModelListPage), options, cancellationToken).ConfigureAwait(false);
        return new ModelList(page.Data) { Response = page.Response };
    }

    /// <summary>Retrieves one model, with its context window and output limit.</summary>
    /// <param name="id">The model id, for example <c>mythic-4</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such model (code <see cref="ErrorCodes.ModelNotFound"/>).</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="GetAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<Model> GetAsync(string id, CancellationToken cancellationToken) => GetAsync(id, null, cancellationToken);

    /// <summary>Retrieves one model, with per-call options.</summary>
    /// <param name="id">The model id, for example <c>mythic-4</c>.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such model (code <see cref="ErrorCodes.ModelNotFound"/>).</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<Model> GetAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = "models/" + RequestPath.Segment(id, nameof(id));
        _transport.UriFor(path, nameof(id));
        return _transport.SendAsync(new ApiRequest(new ApiOperation("retrieve_model", id), HttpMethod.Get, path), new ResponseReader<Model>(static () => ModelsJsonContext.Default.Model), options, cancellationToken);
    }
}
