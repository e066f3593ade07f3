using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Batches;

/// <summary>Creates, retrieves, lists and cancels batches (<c>/batches</c>), and runs them end to end (<see cref="CreateRunner"/>). Thread-safe.</summary>
public class BatchesClient
{
    private readonly ApiTransport _transport = null!;
    private readonly MythicDotClient _client = null!;

    /// <summary>Initializes a new instance of the <see cref="BatchesClient"/> class for mocking.</summary>
    protected BatchesClient()
    {
    }

    internal BatchesClient(ApiTransport transport, MythicDotClient client)
    {
        _transport = transport;
        _client = client;
    }

    /// <summary>Creates a batch from an uploaded JSONL file.</summary>
    /// <param name="request">The input file, the endpoint and the window.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch, usually <see cref="BatchStatus.Validating"/>.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    /// <remarks>Calls <see cref="CreateAsync(BatchCreateRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<Batch> CreateAsync(BatchCreateRequest request, CancellationToken cancellationToken) => CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a batch from an uploaded JSONL file, with per-call options.</summary>
    /// <param name="request">The input file, the endpoint and the window.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch, usually <see cref="BatchStatus.Validating"/>.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<Batch> CreateAsync(BatchCreateRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        BatchCreateRequest.Validate(request, nameof(request));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, BatchesJsonContext.Default.BatchCreateRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("create_batch"), HttpMethod.Post, "batches", body), Reader, options, cancellationToken);
    }

    /// <summary>Retrieves a batch.</summary>
    /// <param name="id">The batch's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such batch.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="GetAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<Batch> GetAsync(string id, CancellationToken cancellationToken) => GetAsync(id, null, cancellationToken);

    /// <summary>Retrieves a batch, with per-call options.</summary>
    /// <param name="id">The batch's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such batch.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<Batch> GetAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(new ApiRequest(new ApiOperation("retrieve_batch"), HttpMethod.Get, PathOf(id)), Reader, options, cancellationToken);

    /// <summary>Lists the batches, newest first, page by page as the enumeration goes (<c>after</c>, <c>limit</c>).</summary>
    /// <param name="options">Per-call headers, retries and timeout, for every page.</param>
    /// <returns>The batches; nothing is sent until it is enumerated. Cancel with the enumeration's token.</returns>
    /// <exception cref="ApiError">A page's call failed (thrown by the enumeration).</exception>
    public virtual AsyncPageable<Batch> List(RequestOptions? options = null) =>
        new CursorPageable<Batch>(
            (pathWithQuery, ct) => _transport.SendAsync(new ApiRequest(new ApiOperation("list_batches"), HttpMethod.Get, pathWithQuery), new ResponseReader<Page<Batch>>(static () => BatchesJsonContext.Default.PageBatch), options, ct),
            "batches",
            string.Empty,
            static b => b.Id,
            null);

    /// <summary>Cancels a batch (<c>POST /batches/{id}/cancel</c>): it goes to <see cref="BatchStatus.Cancelling"/>, then <see cref="BatchStatus.Cancelled"/>.</summary>
    /// <param name="id">The batch's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such batch.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="CancelAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<Batch> CancelAsync(string id, CancellationToken cancellationToken) => CancelAsync(id, null, cancellationToken);

    /// <summary>Cancels a batch (<c>POST /batches/{id}/cancel</c>), with per-call options.</summary>
    /// <param name="id">The batch's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such batch.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<Batch> CancelAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(new ApiRequest(new ApiOperation("cancel_batch"), HttpMethod.Post, PathOf(id) + "/cancel"), Reader, options, cancellationToken);

    /// <summary>Creates a runner that uploads chat requests as a batch, waits for it and returns one typed result per id.</summary>
    /// <param name="options">The poll interval and what cancellation does; <see langword="null"/> for the defaults.</param>
    /// <returns>The runner.</returns>
    public virtual BatchRunner CreateRunner(BatchRunnerOptions? options = null) => new(_client, options);

    private static ResponseReader<Batch> Reader => new(static () => BatchesJsonContext.Default.Batch);

    private string PathOf(string id)
    {
        var path = "batches/" + RequestPath.Segment(id, nameof(id));
        _transport.UriFor(path, nameof(id));
        return path;
    }
}
