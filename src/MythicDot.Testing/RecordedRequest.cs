using System.Globalization;
using System.Text;

namespace MythicDot.Testing;

/// <summary>A request the emulator received, recorded before it answered (faulted requests included).</summary>
public sealed class RecordedRequest
{
    private readonly byte[] _body;
    private int _statusCode;

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

    /// <summary>Gets the HTTP status the emulator answered with, for example 200 or 429 (a queued fault's or the rate limit's), set
    /// as the response's headers are sent.</summary>
    /// <value><see langword="null"/> while the response has not started, and for a request whose connection was dropped
    /// without an answer (<see cref="EmulatorFault.Reset"/>, a stall the client gave up on).</value>
    public int? StatusCode => Volatile.Read(ref _statusCode) is var status and > 0 ? status : null;

    /// <summary>Describes the request for test output, with the <c>Authorization</c> value redacted.</summary>
    /// <returns>The method, path, request id, headers and body size.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Path).Append(Query)
            .Append(" (").Append(RequestId).Append(", ")
            .Append(ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
        if (StatusCode is { } status)
        {
            text.Append(", answered ").Append(status.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(") {");
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

    internal void Answered(int statusCode) => Volatile.Write(ref _statusCode, statusCode);

    private static string RedactAuthorization(string value)
    {
        // Keep the scheme, which helps debugging, and never the credential.
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[..space] + " ***" : "***";
    }
}
