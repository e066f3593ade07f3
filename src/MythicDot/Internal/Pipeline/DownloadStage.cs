using System.Net;
using Polly;

namespace MythicDot.Internal;

/// <summary>A call answered by a body the caller reads as it arrives (a file's content): retried until the response headers
/// arrive, like any call, and never after.</summary>
internal sealed class DownloadCall(ApiTransport transport, ApiRequest request, RequestOptions? requestOptions)
    : CallState<StreamedContent>(transport, request, requestOptions)
{
    /// <summary>Gets or sets the status of the successful attempt, for the call's telemetry.</summary>
    public HttpStatusCode LastStatus { get; set; }

    public override string Accept => "*/*";

    public override ValueTask<Outcome<StreamedContent>> ReadSuccessAsync(CancellationToken attemptToken) => DownloadStage.OpenAsync(this, attemptToken);

    /// <summary>Hands the response (and the request and limiter place it came with) to the stream, which releases them when disposed.</summary>
    public OpenDownload Detach()
    {
        var open = new OpenDownload(Request!, Response!, Lease);
        Request = null;
        Response = null;
        Lease = null;
        return open;
    }
}

/// <summary>What a content stream holds until it is disposed.</summary>
internal sealed class OpenDownload(HttpRequestMessage request, HttpResponseMessage response, System.Threading.RateLimiting.RateLimitLease? lease) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public void Dispose()
    {
        Response.Dispose();
        request.Dispose();
        lease?.Dispose();
    }
}

/// <summary>The response stage of a download: the body's stream opened and handed over with the response it belongs to.</summary>
internal static class DownloadStage
{
    public static async ValueTask<Outcome<StreamedContent>> OpenAsync(DownloadCall call, CancellationToken cancellationToken)
    {
        var response = call.Response!;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var apiKey = call.Transport.Options.ApiKey;
        var info = new ResponseInfo(response.StatusCode, response.Headers, response.Content.Headers, call.Attempts, apiKey);
        var content = new StreamedContent(new ResponseBodyStream(body, call.Detach(), apiKey), response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength);
        content.SetResponse(info);
        call.LastStatus = response.StatusCode;
        return call.Succeeded(content, response.StatusCode);
    }
}
