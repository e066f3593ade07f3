using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>GET /v1/realtime</c>: the WebSocket handshake (the key already checked by the middleware, in <c>Authorization</c> or in the
/// subprotocol <c>mythicdot-api-key.&lt;key&gt;</c>), then one <see cref="RealtimeEmulatorSession"/> until either side closes.</summary>
internal static class RealtimeEndpoint
{
    /// <summary>The subprotocol that names the API; accepted when the client asks for it.</summary>
    public const string Subprotocol = "realtime";

    /// <summary>The prefix of the subprotocol that carries the key.</summary>
    public const string KeySubprotocolPrefix = "mythicdot-api-key.";

    /// <summary>The model a session reports when the handshake names none (<c>?model=</c>).</summary>
    public const string DefaultModel = "mythic-4-realtime";

    public static async Task AcceptAsync(EmulatorRequestContext context)
    {
        var http = context.Http;
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await context.WriteErrorAsync(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                "GET /v1/realtime is a WebSocket endpoint: open it with a WebSocket handshake (Upgrade: websocket).").ConfigureAwait(false);
            return;
        }

        var model = http.Request.Query["model"].ToString();
        var subprotocol = http.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol, StringComparer.Ordinal) ? Subprotocol : null;
        WebSocket socket;
        try
        {
            socket = await http.WebSockets.AcceptWebSocketAsync(subprotocol).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            return; // the client went away during the handshake
        }

        using (socket)
        {
            var session = new RealtimeEmulatorSession(context, socket, string.IsNullOrEmpty(model) ? DefaultModel : model);
            await session.RunAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The key in the requested subprotocols, or <see langword="null"/> when none carries one.</summary>
    public static string? KeyFromSubprotocols(IEnumerable<string> protocols)
    {
        foreach (var protocol in protocols)
        {
            if (protocol.StartsWith(KeySubprotocolPrefix, StringComparison.Ordinal))
            {
                return protocol[KeySubprotocolPrefix.Length..];
            }
        }

        return null;
    }
}
