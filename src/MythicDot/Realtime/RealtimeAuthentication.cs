namespace MythicDot.Realtime;

/// <summary>How a realtime session sends the API key in its WebSocket handshake.</summary>
public enum RealtimeAuthentication
{
    /// <summary>The <c>Authorization: Bearer</c> header, as every other call; the default, for servers and desktop applications.</summary>
    Header = 0,

    /// <summary>The WebSocket subprotocols <c>realtime</c> and <c>mythicdot-api-key.&lt;key&gt;</c>, for environments that cannot set
    /// handshake headers (a browser, through Blazor WebAssembly). The key then travels in the <c>Sec-WebSocket-Protocol</c> header,
    /// which proxies log more often than <c>Authorization</c>: prefer <see cref="Header"/> wherever it works.</summary>
    Subprotocol = 1,
}
