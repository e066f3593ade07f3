using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace MythicDot.Tests.Realtime;

/// <summary>
/// A WebSocket server on 127.0.0.1 for what only a real socket shows: the handshake's headers, messages split in frames, a close
/// with a status. It answers the HTTP upgrade itself (RFC 6455 section 4.2.2) and hands the server side, built by
/// <see cref="WebSocket.CreateFromStream(Stream, bool, string?, TimeSpan)"/>, to the test's script. One session per connection.
/// </summary>
public sealed class LoopbackWebSocketServer : IAsyncDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<WebSocket, Task> _script;
    private readonly List<string> _handshakes = [];
    private readonly List<Task> _sessions = [];
    private readonly Task _loop;

    /// <param name="script">What the server does once the session is open; the socket is closed (aborted) when it returns.</param>
    /// <param name="refuseWith">A status (401, 429, ...) to answer the handshake with instead of 101, with <paramref name="refusalHeaders"/>.</param>
    /// <param name="refusalHeaders">Extra header lines of a refusal, each ending in CRLF.</param>
    /// <param name="acceptProtocol">The subprotocol to accept; <see langword="null"/> for the first one asked for, if any.</param>
    public LoopbackWebSocketServer(Func<WebSocket, Task> script, int? refuseWith = null, string refusalHeaders = "", string? acceptProtocol = null)
    {
        _script = script;
        RefuseWith = refuseWith;
        RefusalHeaders = refusalHeaders;
        AcceptProtocol = acceptProtocol;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl { get; }

    private int? RefuseWith { get; }

    private string RefusalHeaders { get; }

    private string? AcceptProtocol { get; }

    /// <summary>Gets the head (request line and headers) of every handshake received, in order.</summary>
    public IReadOnlyList<string> Handshakes
    {
        get
        {
            lock (_handshakes)
            {
                return _handshakes.ToArray();
            }
        }
    }

    /// <summary>Waits until every session's script has returned.</summary>
    public async Task WhenSessionsEndAsync()
    {
        Task[] sessions;
        lock (_sessions)
        {
            sessions = _sessions.ToArray();
        }

        await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (_sessions)
            {
                _sessions.Add(Task.Run(() => ServeAsync(connection)));
            }
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var head = await ReadHeadAsync(stream);
            lock (_handshakes)
            {
                _handshakes.Add(head);
            }

            if (RefuseWith is { } status)
            {
                var body = "{\"error\":{\"message\":\"refused\",\"type\":\"invalid_request_error\",\"code\":null}}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Refused\r\nContent-Type: application/json\r\n{RefusalHeaders}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
                return;
            }

            var key = Header(head, "Sec-WebSocket-Key")!;
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
            var asked = Header(head, "Sec-WebSocket-Protocol")?.Split(',').Select(p => p.Trim()).FirstOrDefault();
            var protocol = AcceptProtocol ?? asked;
            var protocolLine = protocol is null ? string.Empty : $"Sec-WebSocket-Protocol: {protocol}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n{protocolLine}\r\n"));
            using var socket = WebSocket.CreateFromStream(stream, isServer: true, protocol, keepAliveInterval: Timeout.InfiniteTimeSpan);
            try
            {
                await _script(socket);
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
            {
                // The client went away: the script's assertions run on what it recorded.
            }
        }
    }

    /// <summary>Gets the value of a header in a recorded handshake head, or <see langword="null"/>.</summary>
    public static string? Header(string head, string name) =>
        head.Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();

    /// <summary>Reads one whole message as text; <see langword="null"/> when the client closed.</summary>
    public static async Task<string?> ReceiveTextAsync(WebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Sends text as one message, in frames of at most <paramref name="frameBytes"/> bytes.</summary>
    public static async Task SendTextAsync(WebSocket socket, string text, int frameBytes = int.MaxValue)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = 0;
        do
        {
            var length = Math.Min(frameBytes, bytes.Length - offset);
            await socket.SendAsync(bytes.AsMemory(offset, length), WebSocketMessageType.Text, offset + length == bytes.Length, CancellationToken.None);
            offset += length;
        }
        while (offset < bytes.Length);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        // Byte by byte up to the blank line: nothing of the WebSocket frames that follow may be consumed here.
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }
}
