using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests;

/// <summary>Realtime sessions over a real WebSocket to the emulator: both ways of sending the key, the session's events, typed error
/// events, refused handshakes, a dropped connection, cancellation and a clean close.</summary>
public sealed class RealtimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConnectAsync_HeaderAuth_SessionCreatedFirst()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        await using var session = await client.Realtime.ConnectAsync(new RealtimeSessionOptions { Model = "mythic-4-realtime" }, Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        var created = await NextAsync<SessionCreatedEvent>(events);

        Assert.Equal(RealtimeServerEventType.SessionCreated, created.Type);
        Assert.Equal("event_emulator_000001", created.EventId);
        Assert.Equal("sess_emulator_000001", created.Session!.Id);
        Assert.Equal("realtime.session", created.Session.ObjectType);
        Assert.Equal("mythic-4-realtime", created.Session.Model);
        Assert.Equal([RealtimeModality.Text, RealtimeModality.Audio], created.Session.Modalities);
        Assert.Equal(RealtimeVoice.Alloy, created.Session.Voice);
        Assert.Equal(string.Empty, created.Session.Instructions);
        Assert.Equal(RealtimeAudioFormat.Pcm16, created.Session.InputAudioFormat);
        Assert.Equal(RealtimeAudioFormat.Pcm16, created.Session.OutputAudioFormat);
        Assert.True(created.Session.AdditionalProperties!.ContainsKey("expires_at"));
        Assert.Equal(new Uri(emulator.BaseUrl.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "realtime?model=mythic-4-realtime"), session.Uri);
        var handshake = Assert.Single(emulator.Requests);
        Assert.Equal("GET", handshake.Method);
        Assert.Equal("/v1/realtime", handshake.Path);
        Assert.Equal("?model=mythic-4-realtime", handshake.Query);
        Assert.Equal("Bearer " + emulator.ApiKey, handshake.Headers["Authorization"]);
        Assert.StartsWith("MythicDot-dotnet/", handshake.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(handshake.Headers.ContainsKey("Sec-WebSocket-Protocol"));
    }

    [Fact]
    public async Task ConnectAsync_SubprotocolAuth_AcceptedAndKeyNotRecorded()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        await using var session = await client.Realtime.ConnectAsync(new RealtimeSessionOptions { Authentication = RealtimeAuthentication.Subprotocol }, Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        var created = await NextAsync<SessionCreatedEvent>(events);

        Assert.Equal("mythic-4-realtime", created.Session!.Model);
        var handshake = Assert.Single(emulator.Requests);
        Assert.False(handshake.Headers.ContainsKey("Authorization"));
        Assert.Equal("realtime, mythicdot-api-key.***", handshake.Headers["Sec-WebSocket-Protocol"]);
        Assert.DoesNotContain(emulator.ApiKey, string.Join("\n", handshake.Headers.Values), StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, handshake.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionUpdate_VoiceAndInstructions_SessionUpdatedMerged()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);

        await session.SendAsync(new SessionUpdateEvent(new() { Voice = RealtimeVoice.Nova, Instructions = "Be brief.", Modalities = [RealtimeModality.Text] }) { EventId = "evt_1" }, Ct);
        var updated = await NextAsync<SessionUpdatedEvent>(events);

        Assert.Equal(RealtimeVoice.Nova, updated.Session!.Voice);
        Assert.Equal("Be brief.", updated.Session.Instructions);
        Assert.Equal([RealtimeModality.Text], updated.Session.Modalities);
        Assert.Equal(RealtimeAudioFormat.Pcm16, updated.Session.OutputAudioFormat);
        Assert.Equal("sess_emulator_000001", updated.Session.Id);
        var recorded = Assert.Single(emulator.RealtimeSessions);
        Assert.Equal("""{"type":"session.update","event_id":"evt_1","session":{"modalities":["text"],"voice":"nova","instructions":"Be brief."}}""", Assert.Single(recorded.ClientEvents));
    }

    [Fact]
    public async Task SessionUpdate_UnknownVoice_ErrorEventTypedAndSessionGoesOn()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);

        await session.SendAsync(new SessionUpdateEvent(new() { Voice = new RealtimeVoice("baritone") }) { EventId = "evt_bad" }, Ct);
        var error = await NextAsync<RealtimeErrorEvent>(events);

        Assert.Equal("invalid_request_error", error.Error!.Type);
        Assert.Equal(ErrorCodes.ParameterInvalid, error.Error.Code);
        Assert.Equal("session.voice", error.Error.Param);
        Assert.Equal("evt_bad", error.Error.EventId);
        var typed = Assert.IsType<BadRequestError>(error.Exception);
        Assert.Equal(ErrorCodes.ParameterInvalid, typed.Code);
        Assert.Equal("session.voice", typed.Param);
        Assert.Equal("invalid_request_error", typed.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Contains("baritone", typed.Message, StringComparison.Ordinal);
        Assert.Contains("\"event_id\":\"evt_bad\"", typed.ResponseBody, StringComparison.Ordinal);

        await session.SendAsync(new SessionUpdateEvent(new() { Voice = RealtimeVoice.Shimmer }), Ct);
        Assert.Equal(RealtimeVoice.Shimmer, (await NextAsync<SessionUpdatedEvent>(events)).Session!.Voice);
    }

    [Fact]
    public async Task AppendAndCommit_Audio_SpeechEventsThenEchoedAudioDeltas()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);
        var audio = Enumerable.Range(0, 12_000).Select(i => (byte)(i * 7)).ToArray(); // 250 ms of pcm16 at 24 kHz

        await session.SendAsync(new InputAudioBufferAppendEvent(audio.AsMemory(0, 4_800)), Ct);
        var started = await NextAsync<InputAudioBufferSpeechStartedEvent>(events);
        await session.SendAsync(new InputAudioBufferAppendEvent(audio.AsMemory(4_800)), Ct);
        await session.SendAsync(new InputAudioBufferCommitEvent(), Ct);

        Assert.Equal(0, started.AudioStartMs);
        Assert.Equal(250, (await NextAsync<InputAudioBufferSpeechStoppedEvent>(events)).AudioEndMs);
        var committed = await NextAsync<InputAudioBufferCommittedEvent>(events);
        Assert.Equal(started.ItemId, committed.ItemId);
        Assert.Equal("user", (await NextAsync<ConversationItemCreatedEvent>(events)).Item!.Role?.Value);
        var responseId = (await NextAsync<ResponseCreatedEvent>(events)).Response!.Id;
        await NextAsync<ConversationItemCreatedEvent>(events);
        var received = new List<byte>();
        var deltas = 0;
        var transcript = string.Empty;
        ResponseDoneEvent? done = null;
        while (done is null && await events.MoveNextAsync())
        {
            switch (events.Current)
            {
                case ResponseAudioDeltaEvent delta:
                    Assert.Equal(responseId, delta.ResponseId);
                    received.AddRange(delta.Delta.ToArray());
                    deltas++;
                    break;
                case ResponseAudioTranscriptDeltaEvent piece:
                    transcript += piece.Delta;
                    break;
                case ResponseDoneEvent last:
                    done = last;
                    break;
            }
        }

        Assert.Equal(audio, received);
        Assert.Equal(3, deltas); // 100 ms (4,800 bytes) each
        Assert.Equal("Echo: 12000 bytes of audio", transcript);
        Assert.Equal(RealtimeResponseStatus.Completed, done!.Response!.Status);
        Assert.Equal(3, done.Response.Usage!.InputTokens);
        Assert.Equal(done.Response.Usage.InputTokens + done.Response.Usage.OutputTokens, done.Response.Usage.TotalTokens);
        Assert.IsType<RateLimitsUpdatedEvent>(await NextAsync<RealtimeServerEvent>(events));
    }

    [Fact]
    public async Task ConnectAsync_WrongKey_AuthenticationError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o => o.ApiKey = "sk-wrong-key-123");

        var error = await Assert.ThrowsAsync<AuthenticationError>(() => client.Realtime.ConnectAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.StartsWith("req_emulator_", error.RequestId, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key-123", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(emulator.RealtimeSessions);
    }

    [Fact]
    public async Task ConnectAsync_WrongKeyInSubprotocol_AuthenticationErrorWithoutTheKey()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o => o.ApiKey = "sk-wrong-key-456");

        var error = await Assert.ThrowsAsync<AuthenticationError>(() => client.Realtime.ConnectAsync(new RealtimeSessionOptions { Authentication = RealtimeAuthentication.Subprotocol }, Ct));

        Assert.DoesNotContain("sk-wrong-key-456", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key-456", emulator.Requests[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_RateLimitedHandshake_RateLimitErrorWithRetryAfter()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, retryAfter: RetryAfterForm.Seconds(7)), path: "realtime");

        var error = await Assert.ThrowsAsync<RateLimitError>(() => emulator.CreateClient().Realtime.ConnectAsync(Ct));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ApiConnectionError()
    {
        var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        await emulator.DisposeAsync();

        await Assert.ThrowsAsync<ApiConnectionError>(() => client.Realtime.ConnectAsync(Ct));
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_ConnectionDropped_ApiConnectionError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.RealtimeDrop(afterEvents: 1), path: "realtime");
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);

        await session.SendAsync(new SessionUpdateEvent(new() { Voice = RealtimeVoice.Echo }), Ct);
        var error = await Assert.ThrowsAsync<ApiConnectionError>(async () => await events.MoveNextAsync());

        Assert.IsType<WebSocketException>(error.InnerException);
        Assert.Null(emulator.RealtimeSessions[0].CloseStatus);
    }

    [Fact]
    public async Task ReceiveUpdatesAsync_CancelledWhileWaiting_OperationCanceled()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var events = session.ReceiveUpdatesAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        await NextAsync<SessionCreatedEvent>(events);

        var pending = events.MoveNextAsync().AsTask();
        await Task.Delay(50, Ct);
        Assert.False(pending.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task DisposeAsync_OpenSession_EmulatorSeesNormalClose()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using (var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct))
        {
            await NextAsync<SessionCreatedEvent>(events);
        }

        await session.DisposeAsync();

        var recorded = Assert.Single(emulator.RealtimeSessions);
        await recorded.Completion.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, recorded.CloseStatus);
        Assert.Equal(WebSocketState.Closed, session.State);
    }

    [Fact]
    public async Task ResponseCreate_AfterAUserTextItem_TextResponseEchoingIt()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = 5 }, Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);

        await session.SendAsync(new ConversationItemCreateEvent(RealtimeConversationItem.UserMessage("Hello there")), Ct);
        var item = (await NextAsync<ConversationItemCreatedEvent>(events)).Item!;
        await session.SendAsync(new ResponseCreateEvent(), Ct);

        Assert.Equal(("item_emulator_000001", "completed", "Hello there"), (item.Id, item.Status, item.Content![0].Text));
        Assert.Equal(RealtimeResponseStatus.InProgress, (await NextAsync<ResponseCreatedEvent>(events)).Response!.Status);
        await NextAsync<ConversationItemCreatedEvent>(events);
        var deltas = new List<string>();
        RealtimeServerEvent next;
        while ((next = await NextAsync<RealtimeServerEvent>(events)) is ResponseTextDeltaEvent delta)
        {
            deltas.Add(delta.Delta!);
        }

        Assert.Equal(["Echo:", " Hell", "o the", "re"], deltas);
        Assert.Equal("Echo: Hello there", Assert.IsType<ResponseTextDoneEvent>(next).Text);
        var done = await NextAsync<ResponseDoneEvent>(events);
        Assert.Equal("Echo: Hello there", done.Response!.Output![0].Content![0].Text);
        Assert.Equal(3, done.Response.Usage!.InputTokens);
    }

    [Fact]
    public async Task Commit_TextOnlySession_EchoAnsweredAsText()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { StreamChunkSize = int.MaxValue }, Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);
        await session.SendAsync(new SessionUpdateEvent(new() { Modalities = [RealtimeModality.Text] }), Ct);
        await NextAsync<SessionUpdatedEvent>(events);

        await session.SendAsync(new InputAudioBufferAppendEvent(new byte[960]), Ct);
        await session.SendAsync(new InputAudioBufferCommitEvent(), Ct);
        var types = new List<string>();
        while (await events.MoveNextAsync() && events.Current is not ResponseDoneEvent)
        {
            types.Add(events.Current.Type.Value);
        }

        Assert.Equal(
            ["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "conversation.item.created",
             "response.created", "conversation.item.created", "response.text.delta", "response.text.done"],
            types);
    }

    [Fact]
    public async Task Append_AfterClear_SpeechStartsAgainAtTheSessionsAudioOffset()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);

        await session.SendAsync(new InputAudioBufferAppendEvent(new byte[4_800]), Ct);
        await NextAsync<InputAudioBufferSpeechStartedEvent>(events);
        await session.SendAsync(new InputAudioBufferAppendEvent(new byte[4_800]), Ct); // speech already started: no event
        await session.SendAsync(new InputAudioBufferClearEvent(), Ct);
        await NextAsync<InputAudioBufferClearedEvent>(events);
        await session.SendAsync(new InputAudioBufferAppendEvent(new byte[48]), Ct);

        Assert.Equal(200, (await NextAsync<InputAudioBufferSpeechStartedEvent>(events)).AudioStartMs);
    }

    [Theory]
    [InlineData("""{"type":"input_audio_buffer.append","audio":"not base64!","event_id":"a1"}""", ErrorCodes.ParameterInvalid, "audio", "a1")]
    [InlineData("""{"type":"input_audio_buffer.append"}""", ErrorCodes.ParameterMissing, "audio", null)]
    [InlineData("""{"type":"input_audio_buffer.commit","event_id":"c1"}""", ErrorCodes.InvalidRequest, null, "c1")]
    [InlineData("""{"type":"session.update","session":{"modalities":["video"]}}""", ErrorCodes.ParameterInvalid, "session.modalities", null)]
    [InlineData("""{"type":"session.update","session":{"output_audio_format":"mp3"}}""", ErrorCodes.ParameterInvalid, "session.output_audio_format", null)]
    [InlineData("""{"type":"conversation.item.create","item":{"type":"picture"}}""", ErrorCodes.ParameterInvalid, "item.type", null)]
    [InlineData("""{"type":"response.cancel"}""", ErrorCodes.InvalidRequest, null, null)]
    [InlineData("""{"type":"output_audio_buffer.clear","event_id":"u1"}""", ErrorCodes.InvalidRequest, "type", "u1")]
    [InlineData("""{"event_id":"n1"}""", ErrorCodes.ParameterMissing, "type", "n1")]
    public async Task InvalidClientEvent_ErrorEventAndTheSessionGoesOn(string raw, string code, string? param, string? eventId)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        await using var session = await emulator.CreateClient().Realtime.ConnectAsync(Ct);
        await using var events = session.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await NextAsync<SessionCreatedEvent>(events);
        using var json = JsonDocument.Parse(raw);

        await session.SendRawAsync(json.RootElement, Ct);
        var error = await NextAsync<RealtimeErrorEvent>(events);

        Assert.Equal((code, param, eventId), (error.Error!.Code, error.Error.Param, error.Error.EventId));
        Assert.Equal("invalid_request_error", error.Error.Type);
        Assert.IsType<BadRequestError>(error.Exception);
        await session.SendAsync(new SessionUpdateEvent(new() { Voice = RealtimeVoice.Fable }), Ct);
        Assert.Equal(RealtimeVoice.Fable, (await NextAsync<SessionUpdatedEvent>(events)).Session!.Voice);
    }

    [Fact]
    public async Task ConnectAsync_ResetFault_ApiConnectionError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Reset(), path: "realtime");

        await Assert.ThrowsAsync<ApiConnectionError>(() => emulator.CreateClient().Realtime.ConnectAsync(Ct));
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task RealtimePath_PlainGet_BadRequestInTheErrorEnvelope()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<BadRequestError>(() => emulator.CreateClient().SendRequestAsync(HttpMethod.Get, "realtime", Ct));

        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task TwoSessions_IdsAndRecordsApart()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        await using var first = await client.Realtime.ConnectAsync(Ct);
        await using var second = await client.Realtime.ConnectAsync(Ct);
        await using var firstEvents = first.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);
        await using var secondEvents = second.ReceiveUpdatesAsync(Ct).GetAsyncEnumerator(Ct);

        var ids = new[] { (await NextAsync<SessionCreatedEvent>(firstEvents)).Session!.Id, (await NextAsync<SessionCreatedEvent>(secondEvents)).Session!.Id };

        Assert.Equal(["sess_emulator_000001", "sess_emulator_000002"], ids.Order(StringComparer.Ordinal));
        Assert.Equal(2, emulator.RealtimeSessions.Count);
        Assert.Equal(emulator.Requests.Select(r => r.RequestId).Order(StringComparer.Ordinal), emulator.RealtimeSessions.Select(s => s.RequestId).Order(StringComparer.Ordinal));
    }

    private static async Task<T> NextAsync<T>(IAsyncEnumerator<RealtimeServerEvent> events)
        where T : RealtimeServerEvent
    {
        Assert.True(await events.MoveNextAsync(), "the session ended before a " + typeof(T).Name);
        return Assert.IsType<T>(events.Current, exactMatch: false);
    }
}
