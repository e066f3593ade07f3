using System.Diagnostics;
using System.Threading.RateLimiting;
using Polly;

namespace MythicDot.Internal;

/// <summary>
/// What every attempt of one logical call shares (the request to resend, the telemetry of the call) and what the attempt in
/// flight holds until its result no longer needs it. A call makes one attempt at a time, so one set of attempt fields serves all.
/// </summary>
internal abstract class CallState(ApiTransport transport, ApiRequest request, RequestOptions? requestOptions)
{
    public ApiTransport Transport { get; } = transport;

    /// <summary>Gets the GenAI operation name (<c>chat</c>, <c>embeddings</c>, ...).</summary>
    public string Operation { get; } = request.Operation.Name;

    public string? Model { get; } = request.Operation.Model;

    public HttpMethod Method { get; } = request.Method;

    /// <summary>Gets the path relative to the base URL, as logged.</summary>
    public string Path { get; } = request.Path;

    public Uri Uri { get; } = transport.UriFor(request.Path);

    public byte[]? Body { get; } = request.Body;

    /// <summary>Gets the file the call uploads, when it sends one instead of <see cref="Body"/>.</summary>
    public UploadContent? Upload { get; } = request.Upload;

    /// <summary>Gets the typed request whose tokens the client's token limiter counts, when the call is one it applies to.</summary>
    public Resilience.ITokenEstimated? Tokens { get; } = request.Tokens;

    /// <summary>Gets or sets the tokens the call's estimate came to, once estimated (each attempt takes that many).</summary>
    public int? EstimatedTokens { get; set; }

    /// <summary>Gets whether a failed attempt may be followed by another: not when the call uploads a source that cannot be resent.</summary>
    public bool CanRetry => Upload is not { CanResend: false };

    /// <summary>Gets the beta feature the call opts in to, unless the caller sends its own <c>mythicdot-beta</c> header.</summary>
    public string? Beta { get; } = request.Beta;

    public RequestOptions? RequestOptions { get; } = requestOptions;

    public TimeSpan TimeoutValue { get; } = requestOptions?.Timeout ?? transport.Options.Timeout;

    /// <summary>Gets the media type the call accepts: JSON for one body, events for a stream.</summary>
    public abstract string Accept { get; }

    public int Attempts { get; set; }

    /// <summary>Gets or sets the span of the whole call, when someone listens.</summary>
    public Activity? Activity { get; set; }

    /// <summary>Gets or sets whether the call may be retried, so that each attempt gets a child span.</summary>
    public bool RetriesEnabled { get; set; }

    /// <summary>Gets or sets the span of the attempt in flight, until the attempt is recorded as succeeded or failed.</summary>
    public Activity? AttemptSpan { get; set; }

    /// <summary>Gets or sets the place under the client's request limiter that the attempt in flight holds.</summary>
    public RateLimitLease? Lease { get; set; }

    /// <summary>Gets or sets the tokens taken from the client's token limiter for the attempt in flight.</summary>
    public RateLimitLease? TokenLease { get; set; }

    /// <summary>Gets or sets the attempt's cancellation: the caller's token and the per-attempt timeout.</summary>
    public AttemptTimeout? Timeout { get; set; }

    public HttpRequestMessage? Request { get; set; }

    public HttpResponseMessage? Response { get; set; }

    /// <summary>Releases what the attempt in flight still holds; a result that outlives the attempt (an open stream) took its part first.</summary>
    public void ReleaseAttempt()
    {
        Response?.Dispose();
        Request?.Dispose();
        Timeout?.Dispose();
        Lease?.Dispose();
        TokenLease?.Dispose();
        Response = null;
        Request = null;
        Timeout = null;
        Lease = null;
        TokenLease = null;
        AttemptSpan = null;
    }
}

/// <summary>A call whose attempts produce <typeparamref name="TResult"/>; how a successful response becomes one is the call's response stage.</summary>
/// <typeparam name="TResult">An attempt's result.</typeparam>
internal abstract class CallState<TResult>(ApiTransport transport, ApiRequest request, RequestOptions? requestOptions)
    : CallState(transport, request, requestOptions)
{
    /// <summary>The response stage: turns <see cref="CallState.Response"/>, a success status with its headers read, into the attempt's result.</summary>
    /// <param name="attemptToken">The attempt's token (caller and timeout).</param>
    /// <returns>The result, or the typed failure as the outcome's exception.</returns>
    public abstract ValueTask<Outcome<TResult>> ReadSuccessAsync(CancellationToken attemptToken);

    /// <summary>Ends the attempt as succeeded, recording its status on its span.</summary>
    public Outcome<TResult> Succeeded(TResult result, System.Net.HttpStatusCode status)
    {
        CallTelemetry.AttemptSucceeded(AttemptSpan, status);
        AttemptSpan = null;
        return Outcome.FromResult(result);
    }

    /// <summary>Ends the attempt as failed with a typed error, recorded in the log and on its span.</summary>
    public Outcome<TResult> Failed(ApiError error)
    {
        CallTelemetry.AttemptFailed(this, error, AttemptSpan, Transport.Logger);
        AttemptSpan = null;
        return Outcome.FromException<TResult>(error);
    }
}
