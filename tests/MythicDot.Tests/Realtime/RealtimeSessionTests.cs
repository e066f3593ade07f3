using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace MythicDot.Tests.Realtime;

/// <summary>A session over a real socket: messages put together from frames, the size cap, how a close ends the reading,
/// sends one at a time, one reader.</summary>
public sealed class RealtimeSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceiveUpdatesAsync_MessageInManyFrames_ReassembledIntoOneEvent()
    {
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            await LoopbackWebSocketServer.SendTextAsync(socket, """{"type":"session.created","event_id":"e1","session":{"id":"sess_1","voice":"nova"}}""", frameBytes: 7);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
        });
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);

        var events = await ToListAsync(session.ReceiveUpdatesAsync(Ct));

        var created = Assert.IsType<SessionCreatedEvent>(Assert.Single(events));
        Assert.Equal(("sess_1", RealtimeVoice.Nova), (created.Session!.Id, created.Session.Voice!.Value));
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_MessageLargerThanTheFirstBuffer_ReadWhole()
    {
        var audio = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            await LoopbackWebSocketServer.SendTextAsync(socket, $$"""{"type":"response.audio.delta","delta":"{{Convert.ToBase64String(audio)}}"}""", frameBytes: 1000);
            await LoopbackWebSocketServer.SendTextAsync(socket, """{"type":"response.audio.done"}""");
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
        });
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);

        var events = await ToListAsync(session.ReceiveUpdatesAsync(Ct));

        Assert.Equal(audio, Assert.IsType<ResponseAudioDeltaEvent>(events[0]).Delta.ToArray());
        Assert.IsType<ResponseAudioDoneEvent>(events[1]);
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_MessageOverMaxMessageBytes_ApiErrorAndClose1009()
    {
        var closeStatus = new TaskCompletionSource<WebSocketCloseStatus?>();
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            await LoopbackWebSocketServer.SendTextAsync(socket, $$"""{"type":"response.text.delta","delta":"{{new string('x', 5000)}}"}""", frameBytes: 512);
            var buffer = new byte[16];
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            while (result.MessageType != WebSocketMessageType.Close);
            closeStatus.SetResult(result.CloseStatus);
        });
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(new RealtimeSessionOptions { MaxMessageBytes = 2048 }, Ct);

        var error = await Assert.ThrowsAsync<ApiError>(() => ToListAsync(session.ReceiveUpdatesAsync(Ct)));

        Assert.Contains("MaxMessageBytes (2,048 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await closeStatus.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_ServerClosesNormally_EndsAfterTheEventsSent()
    {
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            await LoopbackWebSocketServer.SendTextAsync(socket, """{"type":"response.text.delta","delta":"a"}""");
            await LoopbackWebSocketServer.SendTextAsync(socket, """{"type":"response.text.done","text":"a"}""");
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        });
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);

        var events = await ToListAsync(session.ReceiveUpdatesAsync(Ct));

        Assert.Equal(["response.text.delta", "response.text.done"], events.Select(e => e.Type.Value));
        Assert.Equal(WebSocketState.Closed, session.State);
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_ServerClosesWithAnError_ApiConnectionErrorNamingTheStatus()
    {
        await using var server = new LoopbackWebSocketServer(socket => socket.CloseAsync(WebSocketCloseStatus.InternalServerError, "overloaded", CancellationToken.None));
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);

        var error = await Assert.ThrowsAsync<ApiConnectionError>(() => ToListAsync(session.ReceiveUpdatesAsync(Ct)));

        Assert.Contains("1011", error.Message, StringComparison.Ordinal);
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_ConnectionDropsMidMessage_ApiConnectionError()
    {
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            await socket.SendAsync("""{"type":"response.te"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
            socket.Abort();
        });
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);

        await Assert.ThrowsAsync<ApiConnectionError>(() => ToListAsync(session.ReceiveUpdatesAsync(Ct)));
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_SecondReaderWhileOneRuns_InvalidOperation()
    {
        await using var server = new LoopbackWebSocketServer(socket => LoopbackWebSocketServer.ReceiveTextAsync(socket));
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);
        await using var first = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        var pending = first.MoveNextAsync();

        await using var second = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.MoveNextAsync());

        await session.CloseAsync(Ct);
        Assert.False(await pending); // closing ends the running enumeration normally
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentSenders_EachEventOneWholeMessage()
    {
        var received = new ConcurrentBag<string>();
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            while (await LoopbackWebSocketServer.ReceiveTextAsync(socket) is { } message)
            {
                received.Add(message);
            }
        });
        await using (var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct))
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
                session.SendAsync(new InputAudioBufferAppendEvent(Enumerable.Repeat((byte)i, 20_000).ToArray()) { EventId = "e" + i }, Ct), Ct)));
        }

        await server.WhenSessionsEndAsync();
        Assert.Equal(40, received.Count);
        foreach (var message in received)
        {
            using var document = JsonDocument.Parse(message);
            var id = int.Parse(document.RootElement.GetProperty("event_id").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(document.RootElement.GetProperty("audio").GetBytesFromBase64(), b => Assert.Equal((byte)id, b));
        }
    }

    [Fact]
    public async Task SendRawAsync_JsonObject_SentAsGiven()
    {
        var received = new TaskCompletionSource<string?>();
        await using var server = new LoopbackWebSocketServer(async socket => received.SetResult(await LoopbackWebSocketServer.ReceiveTextAsync(socket)));
        await using var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);
        using var raw = JsonDocument.Parse("""{"type":"output_audio_buffer.clear","event_id":"x"}""");

        await session.SendRawAsync(raw.RootElement, Ct);

        Assert.Equal("""{"type":"output_audio_buffer.clear","event_id":"x"}""", await received.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => session.SendRawAsync(JsonDocument.Parse("[1]").RootElement, Ct));
    }

    [Fact]
    public async Task CloseAsync_NoReader_NormalCloseAndServerAcknowledged()
    {
        var closeStatus = new TaskCompletionSource<WebSocketCloseStatus?>();
        await using var server = new LoopbackWebSocketServer(async socket =>
        {
            var result = await socket.ReceiveAsync(new byte[16], CancellationToken.None);
            closeStatus.SetResult(result.CloseStatus);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
        });
        var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(Ct);

        await session.CloseAsync(Ct);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await closeStatus.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(WebSocketState.Closed, session.State);
        await session.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.SendAsync(new InputAudioBufferCommitEvent(), Ct));
    }

    [Fact]
    public async Task DisposeAsync_ServerNeverAnswersTheClose_ReleasedAfterTheCloseTimeout()
    {
        await using var server = new LoopbackWebSocketServer(async socket => await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None));
        var session = await RealtimeClientTests.Client(server).Realtime.ConnectAsync(new RealtimeSessionOptions { CloseTimeout = TimeSpan.FromMilliseconds(200) }, Ct);

        await session.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.NotEqual(WebSocketState.Open, session.State);
    }

    private static async Task<List<RealtimeServerEvent>> ToListAsync(IAsyncEnumerable<RealtimeServerEvent> events)
    {
        var list = new List<RealtimeServerEvent>();
        await foreach (var update in events)
        {
            list.Add(update);
        }

        return list;
    }
}
