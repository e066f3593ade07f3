using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MythicDot.IntegrationTests.Chaos;

/// <summary>
/// A raw HTTP/1.1 server on <c>127.0.0.1</c> built on <see cref="TcpListener"/>: it reads each request (headers and a
/// <c>Content-Length</c> body) and answers with whatever bytes the script's <see cref="ChaosFault"/> writes, so that a
/// fault is a real reset, a real stall or a real half-sent body rather than a mocked exception.
/// </summary>
/// <remarks>
/// <para>It counts the connections it accepted and keeps every one it has not seen end. A connection ends when the fault
/// closes it (a reset or a close) or when the client leaves: a read returns 0 bytes (FIN) or fails (RST), and a write to a
/// client that has gone fails. Between requests, and while a fault stalls, the server sits in a read, so it notices the
/// client leaving at once.</para>
/// <para>How the tests use the count (<see cref="WaitForOpenConnectionsAsync"/>): after the call, dispose the client's
/// <see cref="HttpClient"/> and wait for the open count to reach 0. Disposing a <see cref="SocketsHttpHandler"/> closes
/// only the idle connections in its pool; a connection still held by an undisposed response, or by a read nobody
/// cancelled, stays open until that response is disposed (or the GC finalizes its socket, which a test cannot rely on).
/// So "every connection closed soon after disposal" means the SDK returned or closed every connection it used, and a
/// leaked one shows up as a count above 0, without any timing guess about when the client ought to have let go.</para>
/// </remarks>
internal sealed class ChaosServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<int, ChaosFault> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, Socket> _open = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _accepted;
    private int _requests;

    /// <param name="script">The fault that answers request number n (1-based, counted over all connections).</param>
    public ChaosServer(Func<int, ChaosFault> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1/"));
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri BaseUrl { get; }

    /// <summary>Gets how many connections the server accepted.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Gets how many complete requests the server read (each was answered by the script).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets how many accepted connections have not ended yet.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Waits until every accepted connection has ended, or <paramref name="within"/> passes.</summary>
    /// <returns>How many connections are still open (0 when all ended).</returns>
    public async Task<int> WaitForOpenConnectionsAsync(TimeSpan within)
    {
        var deadline = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (!_open.IsEmpty && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        return _open.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open.Values)
        {
            socket.Dispose();
        }

        try
        {
            await Task.WhenAll([_acceptLoop, .. _connections]).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A fault ignored its cancellation; the sockets are closed regardless.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _accepted);
            _open[id] = socket;
            _connections.Add(Task.Run(() => ServeConnectionAsync(id, socket)));
        }
    }

    private async Task ServeConnectionAsync(int id, Socket socket)
    {
        try
        {
            // Every write is its own segment, so that a trickle really arrives a byte at a time.
            socket.NoDelay = true;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new RequestReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                var request = await reader.ReadAsync(_stop.Token);
                if (request is null)
                {
                    return; // the client closed the connection
                }

                var number = Interlocked.Increment(ref _requests);
                var exchange = new ChaosExchange(socket, stream, request, _stop.Token);
                if (await _script(number).ServeAsync(exchange) == ConnectionFate.Closed)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client reset or left mid-write, or the server is stopping: either way the connection has ended.
        }
        finally
        {
            socket.Dispose();
            _open.TryRemove(id, out _);
        }
    }

    /// <summary>Reads HTTP/1.1 requests off one connection: the head up to the blank line, then <c>Content-Length</c> body bytes.</summary>
    private sealed class RequestReader(NetworkStream stream)
    {
        private byte[] _buffer = new byte[16 * 1024];
        private int _count;

        /// <returns>The request, or <see langword="null"/> when the client closed the connection.</returns>
        public async Task<ChaosRequest?> ReadAsync(CancellationToken cancellationToken)
        {
            int headEnd;
            while ((headEnd = _buffer.AsSpan(0, _count).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (_count >= MaxHeaderBytes)
                {
                    throw new IOException("The request head is too large.");
                }

                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }

            var lines = Encoding.ASCII.GetString(_buffer, 0, headEnd).Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            var total = headEnd + 4 + length;
            while (_count < total)
            {
                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }

            var body = _buffer.AsSpan(headEnd + 4, length).ToArray();
            _buffer.AsSpan(total, _count - total).CopyTo(_buffer);
            _count -= total;
            return new ChaosRequest(requestLine[0], requestLine[1], headers, body);
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_count == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_count), cancellationToken);
            _count += read;
            return read > 0;
        }
    }
}

/// <summary>A request as the chaos server read it.</summary>
internal sealed record ChaosRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>Whether the connection can carry another request after a fault has answered.</summary>
internal enum ConnectionFate
{
    KeepAlive,
    Closed,
}

/// <summary>One request on one connection, with the few ways a fault can answer it in real bytes.</summary>
internal sealed class ChaosExchange(Socket socket, NetworkStream stream, ChaosRequest request, CancellationToken stopping)
{
    public ChaosRequest Request { get; } = request;

    public CancellationToken Stopping { get; } = stopping;

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes) => await stream.WriteAsync(bytes, Stopping);

    public Task WriteAsync(string ascii) => WriteAsync(Encoding.UTF8.GetBytes(ascii));

    /// <summary>Writes <paramref name="bytes"/> one at a time, <paramref name="gap"/> apart.</summary>
    public async Task TrickleAsync(ReadOnlyMemory<byte> bytes, TimeSpan gap)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            await stream.WriteAsync(bytes.Slice(i, 1), Stopping);
            await Task.Delay(gap, Stopping);
        }
    }

    /// <summary>Aborts the connection: with a zero linger, closing sends RST instead of FIN and drops unsent bytes.</summary>
    public ConnectionFate Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        return ConnectionFate.Closed;
    }

    /// <summary>Ends the connection cleanly (FIN) after the bytes written so far, then waits for the client to leave.</summary>
    public async Task<ConnectionFate> CloseAsync()
    {
        socket.Shutdown(SocketShutdown.Send);
        return await WaitForClientToLeaveAsync();
    }

    /// <summary>Answers nothing more: reads (and drops) whatever comes until the client closes or resets the connection.</summary>
    public async Task<ConnectionFate> WaitForClientToLeaveAsync()
    {
        var sink = new byte[4096];
        while (await stream.ReadAsync(sink, Stopping) > 0)
        {
        }

        return ConnectionFate.Closed;
    }
}
