using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>The organization's admin API keys (<c>/organization/api-keys</c>). Thread-safe.</summary>
public class AdminApiKeysClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="AdminApiKeysClient"/> class for mocking.</summary>
    protected AdminApiKeysClient()
    {
    }

    internal AdminApiKeysClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Lists the admin API keys (scope <c>api_keys.read</c>); their secrets are never listed.</summary>
    /// <param name="cancellationToken">Cancels every page's call.</param>
    /// <returns>The keys.</returns>
    /// <remarks>Calls <see cref="ListAsync(RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public AsyncPageable<AdminApiKey> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    /// <summary>Lists the admin API keys, with per-call options.</summary>
    /// <param name="options">Per-call headers, retries and timeout, for every page.</param>
    /// <param name="cancellationToken">Cancels every page's call.</param>
    /// <returns>The keys; each page is a call that may throw an <see cref="ApiError"/>.</returns>
    public virtual AsyncPageable<AdminApiKey> ListAsync(RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        AdminPaging.List(_transport, new AdminPaging.ListCall<AdminApiKey>("list_api_keys", "organization/api-keys", string.Empty, static k => k.Id, static () => AdminJsonContext.Default.PageAdminApiKey), options, cancellationToken);

    /// <summary>Creates an admin API key (scope <c>api_keys.write</c>).</summary>
    /// <param name="request">The key's name and scopes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key, with its secret in <see cref="AdminApiKey.Value"/>: the only time it is sent.</returns>
    /// <remarks>Calls <see cref="CreateAsync(AdminApiKeyRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<AdminApiKey> CreateAsync(AdminApiKeyRequest request, CancellationToken cancellationToken) => CreateAsync(request, null, cancellationToken);

    /// <summary>Creates an admin API key, with per-call options (<c>POST /organization/api-keys</c>).</summary>
    /// <param name="request">The key's name and scopes.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key, with its secret in <see cref="AdminApiKey.Value"/>: the only time it is sent. Store it; it is not in
    /// <see cref="AdminApiKey.ToString"/>, nor in the SDK's logs (a body logged under <see cref="MythicDotClientOptions.LogBodies"/> shows every admin key as <c>mythic-admin-***</c>).</returns>
    /// <exception cref="ArgumentException">The name is missing; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<AdminApiKey> CreateAsync(AdminApiKeyRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AdminApiKeyRequest.Validate(request, nameof(request));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AdminJsonContext.Default.AdminApiKeyRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("create_api_key"), HttpMethod.Post, "organization/api-keys", body), new ResponseReader<AdminApiKey>(static () => AdminJsonContext.Default.AdminApiKey), options, cancellationToken);
    }

    /// <summary>Deletes an admin API key (scope <c>api_keys.write</c>).</summary>
    /// <param name="id">The key's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deletion.</returns>
    /// <remarks>Calls <see cref="DeleteAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<AdminApiKeyDeletion> DeleteAsync(string id, CancellationToken cancellationToken) => DeleteAsync(id, null, cancellationToken);

    /// <summary>Deletes an admin API key, with per-call options (<c>DELETE /organization/api-keys/{id}</c>).</summary>
    /// <param name="id">The key's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deletion.</returns>
    /// <exception cref="ArgumentException">The id is empty; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how (<see cref="NotFoundError"/> for an unknown key).</exception>
    public virtual Task<AdminApiKeyDeletion> DeleteAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = "organization/api-keys/" + RequestPath.Segment(id, nameof(id));
        return _transport.SendAsync(new ApiRequest(new ApiOperation("delete_api_key"), HttpMethod.Delete, path), new ResponseReader<AdminApiKeyDeletion>(static () => AdminJsonContext.Default.AdminApiKeyDeletion), options, cancellationToken);
    }
}
