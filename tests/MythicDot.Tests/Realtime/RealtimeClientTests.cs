using System.Net;
using System.Net.WebSockets;
using MythicDot.Tests.Observability;
using MythicDot.Tests.Security;

namespace MythicDot.Tests.Realtime;

/// <summary>The handshake: the URL, what it carries, how a refusal is typed, and that the key is nowhere but in the credential.</summary>
public sealed class RealtimeClientTests
{
    private const string Key = "sk-test-realtime-key-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://api.mythicdot.ai/v1/", null, "wss://api.mythicdot.ai/v1/realtime")]
    [InlineData("https://api.mythicdot.ai/v1", null, "wss://api.mythicdot.ai/v1/realtime")]
    [InlineData("https://proxy.test:8443/mythic/v1/", "mythic-4-realtime", "wss://proxy.test:8443/mythic/v1/realtime?model=mythic-4-realtime")]
    [InlineData("http://127.0.0.1:5000/v1/", "a b/c", "ws://127.0.0.1:5000/v1/realtime?model=a%20b%2Fc")]
    [InlineData("http://localhost/v1/", null, "ws://localhost/v1/realtime")]
    public void UriFor_BaseUrl_WebSocketSchemeAndRealtimePath(string baseUrl, string? model, string expected)
    {
        var state = Internal.ClientState.Create(new MythicDotClientOptions { ApiKey = Key, BaseUrl = new Uri(baseUrl) });

        Assert.Equal(expected, RealtimeClient.UriFor(state.BaseUrl, model).AbsoluteUri);
    }

    [Fact]
    public void Client_PlainHttpToAnotherHost_RefusedBeforeAnyRealtimeUrl()
    {
        // ws:// comes from http://, which the options refuse for a non-loopback host unless AllowInsecureHttp is set.
        Assert.Throws<ArgumentException>(() => new MythicDotClient(new MythicDotClientOptions { ApiKey = Key, BaseUrl = new Uri("http://api.example.test/v1/") }));

        var allowed = new MythicDotClient(new MythicDotClientOptions { ApiKey = Key, BaseUrl = new Uri("http://api.example.test/v1/"), AllowInsecureHttp = true });
        Assert.Equal("ws", RealtimeClient.UriFor(allowed.BaseUrl, null).Scheme);
    }

    [Fact]
    public async Task ConnectAsync_HeaderAuth_HandshakeCarriesKeyAgentVersionAndDefaultHeaders()
    {
        await using var server = new LoopbackWebSocketServer(socket => LoopbackWebSocketServer.ReceiveTextAsync(socket));
        var client = Client(server, o =>
        {
            o.ApiVersion = "2025-01-01";
            o.ApplicationId = "tests/1.0";
            o.DefaultHeaders["mythicdot-beta"] = "realtime-v1";
        });

        await using (var session = await client.Realtime.ConnectAsync(new RealtimeSessionOptions { Model = "mythic-4-realtime" }, Ct))
        {
            Assert.Equal(WebSocketState.Open, session.State);
            KeyAssert.NotIn(Key, session.Uri.ToString(), "Uri");
            KeyAssert.NotIn(Key, session.ToString(), "ToString()");
        }

        var head = Assert.Single(server.Handshakes);
        Assert.StartsWith("GET /v1/realtime?model=mythic-4-realtime HTTP/1.1\r\n", head, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Key, LoopbackWebSocketServer.Header(head, "Authorization"));
        Assert.EndsWith(" tests/1.0", LoopbackWebSocketServer.Header(head, "User-Agent"), StringComparison.Ordinal);
        Assert.StartsWith("MythicDot-dotnet/", LoopbackWebSocketServer.Header(head, "User-Agent"), StringComparison.Ordinal);
        Assert.Equal("2025-01-01", LoopbackWebSocketServer.Header(head, "mythicdot-version"));
        Assert.Equal("realtime-v1", LoopbackWebSocketServer.Header(head, "mythicdot-beta"));
        Assert.Null(LoopbackWebSocketServer.Header(head, "Sec-WebSocket-Protocol"));
    }

    [Fact]
    public async Task ConnectAsync_SubprotocolAuth_KeyInTheSubprotocolOnly()
    {
        await using var server = new LoopbackWebSocketServer(socket => LoopbackWebSocketServer.ReceiveTextAsync(socket), acceptProtocol: "realtime");

        await using (var session = await Client(server).Realtime.ConnectAsync(new RealtimeSessionOptions { Authentication = RealtimeAuthentication.Subprotocol }, Ct))
        {
            KeyAssert.NotIn(Key, session.ToString(), "ToString()");
        }

        var head = Assert.Single(server.Handshakes);
        Assert.Equal("realtime, mythicdot-api-key." + Key, LoopbackWebSocketServer.Header(head, "Sec-WebSocket-Protocol"));
        Assert.Null(LoopbackWebSocketServer.Header(head, "Authorization"));
        KeyAssert.NotIn(Key, head.Split("\r\n")[0], "the request line");
    }

    [Fact]
    public async Task ConnectAsync_SubprotocolRefusedByTheServer_ConnectionErrorWithoutTheKey()
    {
        // ClientWebSocket's own message quotes the subprotocols it asked for, the key among them.
        await using var server = new LoopbackWebSocketServer(socket => Task.CompletedTask, acceptProtocol: "other");

        var error = await Assert.ThrowsAsync<ApiConnectionError>(() => Client(server).Realtime.ConnectAsync(new RealtimeSessionOptions { Authentication = RealtimeAuthentication.Subprotocol }, Ct));

        KeyAssert.NotIn(Key, error);
        Assert.Contains("[redacted]", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_Refused401_AuthenticationErrorOnNetConnectionErrorOnNetStandard()
    {
        await using var server = new LoopbackWebSocketServer(socket => Task.CompletedTask, refuseWith: 401, refusalHeaders: "x-request-id: req_42\r\n");

        var error = await Assert.ThrowsAnyAsync<ApiError>(() => Client(server).Realtime.ConnectAsync(Ct));

#if SDK_NETSTANDARD2_0
        // netstandard2.0's ClientWebSocket does not expose the handshake's status.
        Assert.IsType<ApiConnectionError>(error);
#else
        Assert.IsType<AuthenticationError>(error);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("req_42", error.RequestId);
#endif
        KeyAssert.NotIn(Key, error);
    }

#if !SDK_NETSTANDARD2_0
    [Fact]
    public async Task ConnectAsync_Refused429_RateLimitErrorWithRetryAfter()
    {
        await using var server = new LoopbackWebSocketServer(socket => Task.CompletedTask, refuseWith: 429, refusalHeaders: "Retry-After: 3\r\n");

        var error = await Assert.ThrowsAsync<RateLimitError>(() => Client(server).Realtime.ConnectAsync(Ct));

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Single(server.Handshakes); // a handshake is not retried
    }
#endif

    [Fact]
    public async Task ConnectAsync_CancelledBeforehand_OperationCanceled()
    {
        await using var server = new LoopbackWebSocketServer(socket => Task.CompletedTask);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(server).Realtime.ConnectAsync(new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(100, null)]
    [InlineData(null, " ")]
    public async Task ConnectAsync_InvalidOptions_ArgumentExceptionBeforeConnecting(int? maxMessageBytes, string? model)
    {
        await using var server = new LoopbackWebSocketServer(socket => Task.CompletedTask);
        var options = new RealtimeSessionOptions { Model = model };
        if (maxMessageBytes is { } max)
        {
            options.MaxMessageBytes = max;
        }

        await Assert.ThrowsAsync<ArgumentException>(() => Client(server).Realtime.ConnectAsync(options, Ct));
        Assert.Empty(server.Handshakes);
    }

    [Fact]
    public async Task ConnectAndClose_Logged_WithoutTheKey()
    {
        using var logs = new CapturingLoggerProvider();
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            await LoopbackWebSocketServer.ReceiveTextAsync(socket);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
        });
        var client = Client(server, o => o.LoggerFactory = logs);

        await (await client.Realtime.ConnectAsync(new RealtimeSessionOptions { Authentication = RealtimeAuthentication.Subprotocol }, Ct)).DisposeAsync();

        var connected = Assert.Single(logs.Entries, e => e.EventId.Name == "RealtimeConnected");
        Assert.Equal("/v1/realtime", connected.Properties["Path"]);
        var closed = Assert.Single(logs.Entries, e => e.EventId.Name == "RealtimeClosed");
        Assert.Equal("1000", closed.Properties["CloseStatus"]);
        foreach (var entry in logs.Entries)
        {
            KeyAssert.NotIn(Key, entry.Message + string.Join(";", entry.Properties.Values), "a log entry");
        }
    }

    [Fact]
    public async Task ConnectFailed_Logged_WithoutTheKey()
    {
        using var logs = new CapturingLoggerProvider();
        await using var server = new LoopbackWebSocketServer(socket => Task.CompletedTask, acceptProtocol: "other");

        await Assert.ThrowsAsync<ApiConnectionError>(() => Client(server, o => o.LoggerFactory = logs).Realtime.ConnectAsync(new RealtimeSessionOptions { Authentication = RealtimeAuthentication.Subprotocol }, Ct));

        var failed = Assert.Single(logs.Entries, e => e.EventId.Name == "RealtimeConnectFailed");
        KeyAssert.NotIn(Key, failed.Message + failed.Exception, "the log entry");
    }

    internal static MythicDotClient Client(LoopbackWebSocketServer server, Action<MythicDotClientOptions>? configure = null)
    {
        var options = new MythicDotClientOptions { ApiKey = Key, BaseUrl = server.BaseUrl, MaxRetries = 0 };
        configure?.Invoke(options);
        return new MythicDotClient(options);
    }
}
