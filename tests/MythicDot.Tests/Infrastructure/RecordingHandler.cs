using System.Text;

namespace MythicDot.Tests.Infrastructure;

/// <summary>One request as it left the SDK: the message object itself, and a copy of what it carried.</summary>
public sealed record SentRequest(
    HttpRequestMessage Message,
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    byte[]? Body)
{
    public string? BodyText => Body is null ? null : Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Sits in front of the MockHttp handler and copies every outgoing request (headers raw, body bytes) before the SDK
/// disposes it, so that tests can compare attempts with each other.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<SentRequest> _requests = [];

    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public IReadOnlyList<SentRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        byte[]? body = null;
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        lock (_requests)
        {
            _requests.Add(new SentRequest(request, request.Method, request.RequestUri!, headers, body));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
