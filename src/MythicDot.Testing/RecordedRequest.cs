using System.Globalization;
using System.Text;

namespace MythicDot.Testing;

/// <summary>A request the emulator received, recorded before it answered (faulted requests included).</summary>
public sealed class RecordedRequest
{
    private readonly byte[] _body;

    internal RecordedRequest(
        string method,
        string path,
        string query,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        DateTimeOffset receivedAt,
        string requestId)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        _body = body;
        Body = Encoding.UTF8.GetString(body);
        ReceivedAt = receivedAt;
        RequestId = requestId;
    }

    /// <summary>Gets the HTTP method, for example <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the path as received, base path included, for example <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the query string with its leading <c>?</c>, or the empty string when there is none.</summary>
    public string Query { get; }

    /// <summary>Gets the request headers; names are case-insensitive, repeated values are joined by <c>", "</c>.</summary>
    /// <remarks>It holds the <c>Authorization</c> header as sent, so that tests can assert on it; <see cref="ToString"/> redacts it.</remarks>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the body decoded as UTF-8; the empty string when there was none.</summary>
    public string Body { get; }

    /// <summary>Gets the body exactly as received.</summary>
    public ReadOnlyMemory<byte> BodyBytes => _body;

    /// <summary>Gets when the request arrived, on the emulator's clock (<see cref="MythicDotEmulatorOptions.TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the id the emulator answered with, in the <c>x-request-id</c> header and in flat error bodies.</summary>
    public string RequestId { get; }

    /// <summary>Describes the request for test output, with the <c>Authorization</c> value redacted.</summary>
    /// <returns>The method, path, request id, headers and body size.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Path).Append(Query)
            .Append(" (").Append(RequestId).Append(", ")
            .Append(ReceivedAt.ToString("O", CultureInfo.InvariantCulture)).Append(") {");
        var first = true;
        foreach (var header in Headers)
        {
            text.Append(first ? " " : "; ").Append(header.Key).Append(": ")
                .Append(string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? RedactAuthorization(header.Value) : header.Value);
            first = false;
        }

        text.Append(" } ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append(" body bytes");
        return text.ToString();
    }

    private static string RedactAuthorization(string value)
    {
        // Keep the scheme, which helps debugging, and never the credential.
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[..space] + " ***" : "***";
    }
}
