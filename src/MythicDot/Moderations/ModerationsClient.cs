using System.Text.Json;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Moderations;

/// <summary>Checks texts against the usage policies (<c>POST /moderations</c>). Thread-safe.</summary>
public class ModerationsClient
{
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="ModerationsClient"/> class for mocking.</summary>
    protected ModerationsClient()
    {
    }

    internal ModerationsClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Checks the texts of a request.</summary>
    /// <param name="request">The texts, and optionally the model.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>One result per text; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request has no texts, a <see langword="null"/> one, or an extra field that a typed property sends; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    /// <remarks>Build the request in place with <c>new("text")</c> or <c>new(["first", "second"])</c>.
    /// Calls <see cref="CreateAsync(ModerationRequest, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<ModerationResponse> CreateAsync(ModerationRequest request, CancellationToken cancellationToken) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Checks the texts of a request, with per-call options.</summary>
    /// <param name="request">The texts, and optionally the model.</param>
    /// <param name="options">Per-call headers, retries and timeout; <see langword="null"/> for the client's.</param>
    /// <param name="cancellationToken">Cancels the call; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>One result per text; <see cref="ApiResponse.Response"/> holds the response metadata.</returns>
    /// <exception cref="ArgumentException">The request breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    public virtual Task<ModerationResponse> CreateAsync(ModerationRequest request, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModerationRequest.Validate(request, nameof(request));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ModerationsJsonContext.Default.ModerationRequest);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("moderation", request.Model), HttpMethod.Post, "moderations", body), new ResponseReader<ModerationResponse>(static () => ModerationsJsonContext.Default.ModerationResponse), options, cancellationToken);
    }
}
