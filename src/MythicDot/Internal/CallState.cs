using System.Diagnostics;

namespace MythicDot.Internal;

/// <summary>What every attempt of one logical call shares: the request to resend, and the telemetry of the call.</summary>
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

    public RequestOptions? RequestOptions { get; } = requestOptions;

    public TimeSpan TimeoutValue { get; } = requestOptions?.Timeout ?? transport.Options.Timeout;

    public int Attempts { get; set; }

    /// <summary>Gets or sets the span of the whole call, when someone listens.</summary>
    public Activity? Activity { get; set; }

    /// <summary>Gets or sets whether the call may be retried, so that each attempt gets a child span.</summary>
    public bool RetriesEnabled { get; set; }
}
