using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MythicDot.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for what a fake transport cannot show: the headers the real handler adds
/// (<c>Accept-Encoding</c>) and what it does with the answer (decompression, redirects). One request per connection.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, byte[]> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _requests = [];

    /// <param name="respond">Given the request's path, returns the whole response (status line, headers and body).</param>
    public LoopbackServer(Func<string, byte[]> respond)
    {
        _respond = respond;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Gets the head (request line and headers) of every request received, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>A response with a JSON body sent gzip-compressed.</summary>
    public static byte[] GzipJson(string json)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var body = compressed.ToArray();
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return [.. head, .. body];
    }

    /// <summary>A response with a JSON body, uncompressed.</summary>
    public static byte[] Json(string json, int status = 200, string extraHeaders = "")
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\n{extraHeaders}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body];
    }

    /// <summary>Gets the value of a header in a recorded request head, or <see langword="null"/>.</summary>
    public static string? Header(string head, string name) =>
        head.Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(TcpClient socket)
    {
        using (socket)
        {
            var stream = socket.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal)
                && await stream.ReadAsync(buffer, _stop.Token) == 1)
            {
                head.Append((char)buffer[0]);
            }

            var text = head.ToString();
            lock (_requests)
            {
                _requests.Add(text);
            }

            var path = text.Split(' ').ElementAtOrDefault(1) ?? "/";
            await stream.WriteAsync(_respond(path), _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }
}
