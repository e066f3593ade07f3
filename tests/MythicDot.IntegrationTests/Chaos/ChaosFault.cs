using System.Globalization;
using System.Text;

namespace MythicDot.IntegrationTests.Chaos;

/// <summary>How the <see cref="ChaosServer"/> answers one request, written as raw HTTP/1.1 bytes.</summary>
internal sealed class ChaosFault(string name, Func<ChaosExchange, Task<ConnectionFate>> serve)
{
    public const string CompletionJson =
        """{"id":"chatcmpl-chaos","object":"chat.completion","created":1704067200,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}]}""";

    /// <summary>A body small enough to trickle a byte at a time, still a complete chat completion.</summary>
    public const string TinyCompletionJson =
        """{"id":"c","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Paris."}}]}""";

    private const string ChunkHead = """{"id":"chatcmpl-chaos","object":"chat.completion.chunk","created":1704067200,"model":"mythic-4","choices":[{"index":0,"delta":""";

    public static readonly string[] StreamEvents =
    [
        ChunkHead + """{"role":"assistant","content":""},"finish_reason":null}]}""",
        ChunkHead + """{"content":"Paris."},"finish_reason":null}]}""",
        ChunkHead + """{},"finish_reason":"stop"}]}""",
        "[DONE]",
    ];

    public string Name { get; } = name;

    public Task<ConnectionFate> ServeAsync(ChaosExchange exchange) => serve(exchange);

    public override string ToString() => Name;

    /// <summary>A well-formed answer: status, <c>Content-Type</c>, <c>Content-Length</c> and body; the connection stays open.</summary>
    public static ChaosFault Respond(string name, int status, string? contentType, ReadOnlyMemory<byte> body) =>
        new(name, async exchange =>
        {
            await exchange.WriteAsync(Head(status, contentType, body.Length) + "\r\n");
            await exchange.WriteAsync(body);
            return ConnectionFate.KeepAlive;
        });

    public static ChaosFault Respond(string name, int status, string? contentType, string body) =>
        Respond(name, status, contentType, Encoding.UTF8.GetBytes(body));

    public static ChaosFault Healthy() => Respond("healthy", 200, "application/json", CompletionJson);

    /// <summary>The status line and headers, without the blank line that ends them.</summary>
    public static string Head(int status, string? contentType, long? contentLength, params string[] headers)
    {
        var head = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n"));
        if (contentType is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (contentLength is { } length)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return head.ToString();
    }

    /// <summary>One chunk of a chunked body: its size in hex, the bytes, CRLF.</summary>
    public static string Chunk(string data) =>
        string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(data):x}\r\n{data}\r\n");

    public static string Event(string data) => "data: " + data + "\n\n";

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
