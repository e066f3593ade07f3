using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>The organization's members (<c>/organization/members</c>). Thread-safe.</summary>
public class AdminMembersClient
{
    // HttpMethod.Patch is not in netstandard2.0.
    private static readonly HttpMethod Patch = new("PATCH");

    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="AdminMembersClient"/> class for mocking.</summary>
    protected AdminMembersClient()
    {
    }

    internal AdminMembersClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Lists the members, a page at a time as the caller enumerates (scope <c>members.read</c>).</summary>
    /// <param name="cancellationToken">Cancels every page's call.</param>
    /// <returns>The members.</returns>
    /// <remarks>Calls <see cref="ListAsync(RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public AsyncPageable<OrganizationMember> ListAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    /// <summary>Lists the members, with per-call options.</summary>
    /// <param name="options">Per-call headers, retries and timeout, for every page.</param>
    /// <param name="cancellationToken">Cancels every page's call.</param>
    /// <returns>The members; each page is a call that may throw an <see cref="ApiError"/>.</returns>
    public virtual AsyncPageable<OrganizationMember> ListAsync(RequestOptions? options = null, CancellationToken cancellationToken = default) =>
        AdminPaging.List(_transport, new AdminPaging.ListCall<OrganizationMember>("list_members", "organization/members", string.Empty, static m => m.Id, static () => AdminJsonContext.Default.PageOrganizationMember), options, cancellationToken);

    /// <summary>Changes a member's role (scope <c>members.write</c>).</summary>
    /// <param name="id">The member's id.</param>
    /// <param name="update">The new role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The member as updated.</returns>
    /// <remarks>Calls <see cref="UpdateAsync(string, OrganizationMemberUpdate, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<OrganizationMember> UpdateAsync(string id, OrganizationMemberUpdate update, CancellationToken cancellationToken) => UpdateAsync(id, update, null, cancellationToken);

    /// <summary>Changes a member's role, with per-call options (<c>PATCH /organization/members/{id}</c>).</summary>
    /// <param name="id">The member's id.</param>
    /// <param name="update">The new role.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The member as updated.</returns>
    /// <exception cref="ArgumentException">The id is empty, or the update has no role; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how (<see cref="NotFoundError"/> for an unknown member).</exception>
    public virtual Task<OrganizationMember> UpdateAsync(string id, OrganizationMemberUpdate update, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var path = "organization/members/" + RequestPath.Segment(id, nameof(id));
        OrganizationMemberUpdate.Validate(update, nameof(update));
        var body = JsonSerializer.SerializeToUtf8Bytes(update, AdminJsonContext.Default.OrganizationMemberUpdate);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("update_member"), Patch, path, body), new ResponseReader<OrganizationMember>(static () => AdminJsonContext.Default.OrganizationMember), options, cancellationToken);
    }
}
