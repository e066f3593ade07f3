using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MythicDot.Errors;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>
/// An open realtime session: one WebSocket to <c>/v1/realtime</c>. Send client events with <see cref="SendAsync(RealtimeClientEvent, CancellationToken)"/>
/// and read the server's with <see cref="ReceiveUpdatesAsync(CancellationToken)"/>; dispose it to close the connection.
/// </summary>
/// <remarks>
/// <para>Sends are thread-safe: concurrent callers queue, and each event goes out as one text message. Reading is one enumeration at
/// a time (a WebSocket has one reader); sending while an enumeration runs is the usual pattern.</para>
/// <para>Errors: an <c>error</c> event from the server is yielded as a <see cref="RealtimeErrorEvent"/> with the typed error in
/// <see cref="RealtimeErrorEvent.Exception"/>, and the session goes on. A failure of the connection (it drops, the server closes with
/// a status other than 1000) throws <see cref="ApiConnectionError"/> from the enumeration or the send; a message over
/// <see cref="RealtimeSessionOptions.MaxMessageBytes"/> throws <see cref="ApiError"/>.</para>
/// <para>Cancelling a pending receive or send surfaces as <see cref="OperationCanceledException"/> and, as with every .NET WebSocket,
/// aborts the connection: a WebSocket cannot resume after a cancelled read. To stop reading and keep the session, break out of the
/// enumeration between events instead.</para>
/// </remarks>
public class RealtimeSession : IAsyncDisposable
{
    // The first buffer of a message or an event sent; it grows (doubling) as a message needs, up to MaxMessageBytes.
    private const int InitialBufferBytes = 16 * 1024;

    // A buffer that grew past this for one large event is dropped after it, so that an idle session does not keep it.
    private const int RetainedSendBufferBytes = 1024 * 1024;

    private readonly WebSocket _socket = null!;
    private readonly RealtimeSessionContext _context = null!;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ArrayBufferWriter<byte> _sendBuffer = new(InitialBufferBytes);
    private int _receiving;
    private int _closeRequested;
    private int _closeLogged;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="RealtimeSession"/> class for mocking: a subclass overrides the virtual members.</summary>
    protected RealtimeSession()
    {
        Uri = null!;
    }

    internal RealtimeSession(WebSocket socket, Uri uri, RealtimeSessionContext context)
    {
        _socket = socket;
        _context = context;
        Uri = uri;
    }

    /// <summary>Gets the URL the session is connected to (<c>wss://api.mythicdot.ai/v1/realtime</c>, with <c>?model=</c> when one was asked for); it never holds the key.</summary>
    public virtual Uri Uri { get; }

    /// <summary>Gets the state of the WebSocket: <see cref="WebSocketState.Open"/> while the session runs.</summary>
    public virtual WebSocketState State => _socket.State;

    /// <summary>Sends a client event as one text message.</summary>
    /// <param name="clientEvent">The event, for example <c>new SessionUpdateEvent(new() { Voice = RealtimeVoice.Nova })</c>.</param>
    /// <param name="cancellationToken">Cancels the send; surfaces as <see cref="OperationCanceledException"/> (and aborts the connection once the send has begun).</param>
    /// <returns>A task that completes when the message is handed to the socket.</returns>
    /// <exception cref="ArgumentException">The event breaks a rule (see its type); nothing was sent.</exception>
    /// <exception cref="ApiConnectionError">The connection failed or is closed.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public virtual Task SendAsync(RealtimeClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        clientEvent.Validate(nameof(clientEvent));
        return SendCoreAsync(clientEvent.WriteTo, cancellationToken);
    }

    /// <summary>Sends any JSON object as one text message: the escape hatch for client events the SDK does not type yet.</summary>
    /// <param name="clientEvent">The event, a JSON object with a <c>type</c>, for example <c>{"type":"output_audio_buffer.clear"}</c>.</param>
    /// <param name="cancellationToken">Cancels the send; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>A task that completes when the message is handed to the socket.</returns>
    /// <exception cref="ArgumentException"><paramref name="clientEvent"/> is not a JSON object; nothing was sent.</exception>
    /// <exception cref="ApiConnectionError">The connection failed or is closed.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    public virtual Task SendRawAsync(JsonElement clientEvent, CancellationToken cancellationToken = default)
    {
        if (clientEvent.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A client event is a JSON object with a 'type' (was {clientEvent.ValueKind}).", nameof(clientEvent));
        }

        return SendCoreAsync(writer => JsonSerializer.Serialize(writer, clientEvent, RealtimeJsonContext.Default.JsonElement), cancellationToken);
    }

    /// <summary>Reads the server's events as they arrive, until the server closes the session.</summary>
    /// <param name="cancellationToken">Cancels the wait for the next event; surfaces as <see cref="OperationCanceledException"/> and aborts the connection.</param>
    /// <returns>The events, each typed by its <c>type</c>; an unknown type as a plain <see cref="RealtimeServerEvent"/>.</returns>
    /// <exception cref="ApiConnectionError">The connection dropped, or the server closed it with a status other than 1000 (normal).</exception>
    /// <exception cref="ApiError">A message was larger than <see cref="RealtimeSessionOptions.MaxMessageBytes"/>, or not a JSON object.</exception>
    /// <exception cref="InvalidOperationException">Another enumeration of this session is running.</exception>
    /// <remarks>The enumeration ends normally when the server closes with status 1000, or when <see cref="CloseAsync(CancellationToken)"/> or
    /// <see cref="DisposeAsync"/> closes the session. Server <c>error</c> events are yielded (<see cref="RealtimeErrorEvent"/>), not thrown.
    /// Breaking out of the enumeration leaves the session open; a later enumeration carries on with the next event.</remarks>
    public virtual async IAsyncEnumerable<RealtimeServerEvent> ReceiveUpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.CompareExchange(ref _receiving, 1, 0) != 0)
        {
            throw new InvalidOperationException("The session is already being read: a WebSocket has one reader, so enumerate ReceiveUpdatesAsync once at a time.");
        }

        try
        {
            while (await ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } update)
            {
                yield return update;
            }
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    /// <summary>Closes the session cleanly: sends a normal close (status 1000) and, when no enumeration is running, waits for the server's.</summary>
    /// <param name="cancellationToken">Cancels the wait; the connection is then aborted.</param>
    /// <returns>A task that completes when the close is done.</returns>
    /// <remarks>A running enumeration ends normally when the server's close arrives. Closing a session already closed does nothing.</remarks>
    public virtual async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            await CloseCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            throw new OperationCanceledException("The close was cancelled.", exception, cancellationToken);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException)
        {
            throw ErrorMapper.Connection(exception);
        }
    }

    /// <summary>Closes the session (a normal close, waiting at most <see cref="RealtimeSessionOptions.CloseTimeout"/> for the server's) and releases the socket.</summary>
    /// <returns>A task that completes when the socket is released.</returns>
    /// <remarks>Never throws: a connection already gone is simply released.</remarks>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Describes the session without its key: the URL and the state.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        _socket is null ? nameof(RealtimeSession) : string.Create(CultureInfo.InvariantCulture, $"RealtimeSession {{ Uri = {Uri}, State = {_socket.State} }}");

    /// <summary>Closes and releases the socket; see <see cref="DisposeAsync"/>.</summary>
    /// <returns>A task that completes when the socket is released.</returns>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (_socket is null || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new AttemptTimeout(_context.CloseTimeout, _context.TimeProvider, CancellationToken.None);
            try
            {
                await CloseCoreAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
            {
                // The server did not answer in time, or the connection was already gone: released below either way.
            }
        }

        LogClosed(_socket.CloseStatus);
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendCoreAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var buffer = _sendBuffer;
            buffer.Clear();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }

            var written = AsSegment(buffer.WrittenMemory);
            try
            {
                await _socket.SendAsync(written, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
            {
                throw new OperationCanceledException("The send was cancelled.", exception, cancellationToken);
            }
            catch (Exception exception) when (exception is WebSocketException or IOException)
            {
                throw ErrorMapper.Connection(exception);
            }
            catch (ObjectDisposedException exception) when (Volatile.Read(ref _disposed) == 0)
            {
                throw ErrorMapper.Connection(exception);
            }

            if (buffer.Capacity > RetainedSendBufferBytes)
            {
                _sendBuffer = new ArrayBufferWriter<byte>(InitialBufferBytes);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads one message, its frames put together in a pooled buffer; <see langword="null"/> when the session closed normally.</summary>
    private async Task<RealtimeServerEvent?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var limit = _context.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, limit + 1));
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > limit)
                    {
                        throw await TooLargeAsync(limit).ConfigureAwait(false);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                WebSocketReceiveResult result;
                try
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
                {
                    throw new OperationCanceledException("The receive was cancelled.", exception, cancellationToken);
                }
                catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
                {
                    if (Volatile.Read(ref _closeRequested) != 0)
                    {
                        return null; // closed or disposed by this side while the read waited
                    }

                    throw ErrorMapper.Connection(exception);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return await ClosedByServerAsync(result).ConfigureAwait(false);
                }

                count += result.Count;
                if (count > limit)
                {
                    throw await TooLargeAsync(limit).ConfigureAwait(false);
                }

                if (result.EndOfMessage)
                {
                    return RealtimeEventReader.Read(buffer.AsSpan(0, count), _context.Errors);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ends the enumeration on the server's close: normally for 1000 (or a close this side asked for), else with <see cref="ApiConnectionError"/>.</summary>
    private async Task<RealtimeServerEvent?> ClosedByServerAsync(WebSocketReceiveResult result)
    {
        var status = result.CloseStatus;
        if (_socket.State == WebSocketState.CloseReceived)
        {
            // Complete the handshake the server started, echoing its status; bounded, since the server may already be gone.
            using var timeout = new AttemptTimeout(_context.CloseTimeout, _context.TimeProvider, CancellationToken.None);
            try
            {
                await SendCloseAsync(status ?? WebSocketCloseStatus.NormalClosure, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
            {
                // Nothing left to tell the server.
            }
        }

        LogClosed(status);
        if (status is null or WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.Empty || Volatile.Read(ref _closeRequested) != 0)
        {
            return null;
        }

        var description = string.IsNullOrEmpty(result.CloseStatusDescription) ? string.Empty : ": " + ErrorMapper.Redact(result.CloseStatusDescription, _context.Errors.ApiKey);
        var error = new ApiConnectionError(string.Create(CultureInfo.InvariantCulture, $"The realtime server closed the session with status {(int)status} ({status}){description}."));
        error.Populate(new ErrorDetails { IsRetryable = true });
        throw error;
    }

    private async Task<ApiError> TooLargeAsync(int limit)
    {
        Volatile.Write(ref _closeRequested, 1);
        try
        {
            using var timeout = new AttemptTimeout(_context.CloseTimeout, _context.TimeProvider, CancellationToken.None);
            await SendCloseAsync(WebSocketCloseStatus.MessageTooBig, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The session is given up either way.
        }

        _socket.Abort();
        return new ApiError(string.Create(CultureInfo.InvariantCulture,
            $"The realtime server sent a message larger than MaxMessageBytes ({limit:N0} bytes), so the session was closed; raise RealtimeSessionOptions.MaxMessageBytes to accept it."));
    }

    /// <summary>Sends the close (once), then, when no enumeration runs, reads until the server's close arrives.</summary>
    private async Task CloseCoreAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _closeRequested, 1);
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await SendCloseAsync(WebSocketCloseStatus.NormalClosure, cancellationToken).ConfigureAwait(false);
        }

        if (_socket.State != WebSocketState.CloseSent || Interlocked.CompareExchange(ref _receiving, 1, 0) != 0)
        {
            return; // closed already, or the running enumeration reads the server's close
        }

        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(new ArraySegment<byte>(scratch), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            Volatile.Write(ref _receiving, 0);
        }
    }

    private async Task SendCloseAsync(WebSocketCloseStatus status, CancellationToken cancellationToken)
    {
        // Under the send lock: a close frame must not interleave with a message being sent.
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, string.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void LogClosed(WebSocketCloseStatus? status)
    {
        if (Interlocked.Exchange(ref _closeLogged, 1) == 0)
        {
            Log.RealtimeClosed(_context.Logger, Uri.AbsolutePath, status is { } value ? (int)value : 0);
        }
    }

    private static ArraySegment<byte> AsSegment(ReadOnlyMemory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment) ? segment : new ArraySegment<byte>(memory.ToArray());
}
