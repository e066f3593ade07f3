using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>Invitations to the organization (<c>/organization/invites</c>). Thread-safe.</summary>
public class AdminInvitesClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="AdminInvitesClient"/> class for mocking.</summary>
    protected AdminInvitesClient()
    {
    }

    internal AdminInvitesClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Invites someone to the organization (scope <c>members.write</c>).</summary>
    /// <param name="request">The email address and role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invite.</returns>
    /// <remarks>Calls <see cref="CreateAsync(OrganizationInviteRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<OrganizationInvite> CreateAsync(OrganizationInviteRequest request, CancellationToken cancellationToken) => CreateAsync(request, null, cancellationToken);

    /// <summary>Invites someone to the organization, with per-call options (<c>POST /organization/invites</c>).</summary>
    /// <param name="request">The email address and role.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invite.</returns>
    /// <exception cref="ArgumentException">The email or role is missing; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how.</exception>
    public virtual Task<OrganizationInvite> CreateAsync(OrganizationInviteRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        OrganizationInviteRequest.Validate(request, nameof(request));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AdminJsonContext.Default.OrganizationInviteRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("create_invite"), HttpMethod.Post, "organization/invites", body), new ResponseReader<OrganizationInvite>(static () => AdminJsonContext.Default.OrganizationInvite), options, cancellationToken);
    }
}
