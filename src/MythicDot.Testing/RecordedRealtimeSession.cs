using System.Net.WebSockets;

namespace MythicDot.Testing;

/// <summary>A realtime session the emulator served: the client events it received and how the session ended. Thread-safe.</summary>
public sealed class RecordedRealtimeSession
{
    private readonly object _gate = new();
    private readonly List<string> _clientEvents = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocketCloseStatus? _closeStatus;

    internal RecordedRealtimeSession(string id, string requestId)
    {
        Id = id;
        RequestId = requestId;
    }

    /// <summary>Gets the session's id, as <c>session.created</c> sent it (<c>sess_emulator_000001</c>, ...).</summary>
    public string Id { get; }

    /// <summary>Gets the request id of the handshake, as in <see cref="RecordedRequest.RequestId"/>.</summary>
    public string RequestId { get; }

    /// <summary>Gets a snapshot of the client's messages so far, oldest first, as received (JSON text).</summary>
    public IReadOnlyList<string> ClientEvents
    {
        get
        {
            lock (_gate)
            {
                return _clientEvents.ToArray();
            }
        }
    }

    /// <summary>Gets the status of the client's close frame; <see langword="null"/> while the session runs, or when it ended without one
    /// (the connection dropped, a fault, the emulator stopped).</summary>
    public WebSocketCloseStatus? CloseStatus
    {
        get
        {
            lock (_gate)
            {
                return _closeStatus;
            }
        }
    }

    /// <summary>Gets a task that completes when the session has ended, however it ended.</summary>
    public Task Completion => _completion.Task;

    internal void AddClientEvent(string json)
    {
        lock (_gate)
        {
            _clientEvents.Add(json);
        }
    }

    internal void End(WebSocketCloseStatus? closeStatus)
    {
        lock (_gate)
        {
            _closeStatus ??= closeStatus;
        }

        _completion.TrySetResult();
    }
}
