// Realtime: one WebSocket session; set the voice and instructions, stream half a second of audio, and print what comes back.
using System.Buffers.Binary;
using System.Text.Json;
using MythicDot;
using MythicDot.Realtime;

await using var backend = await SampleBackend.StartAsync();
var client = new MythicDotClient(backend.Options);

await using var session = await client.Realtime.ConnectAsync(new RealtimeSessionOptions { Model = "mythic-4-realtime" });
Console.WriteLine($"Connected to {session.Uri}");
await using var events = session.ReceiveUpdatesAsync().GetAsyncEnumerator();

var created = await NextAsync<SessionCreatedEvent>();
Console.WriteLine($"session.created: {created.Session?.Id}, voice {created.Session?.Voice}, modalities [{string.Join(", ", created.Session?.Modalities ?? [])}]");

// Turn detection off (a JSON null): this program says when its turn ends (commit) instead of the server guessing from silence.
using (var off = JsonDocument.Parse("null"))
{
    await session.SendAsync(new SessionUpdateEvent(new()
    {
        Voice = RealtimeVoice.Nova,
        Instructions = "You are a friendly assistant. Answer in one short sentence.",
        TurnDetection = off.RootElement,
    }));
}

var updated = await NextAsync<SessionUpdatedEvent>();
Console.WriteLine($"session.updated: voice {updated.Session?.Voice}, instructions \"{updated.Session?.Instructions}\"");

// Half a second of a 440 Hz tone: 16-bit PCM, 24 kHz, mono (the API's default input format), sent in 100 ms pieces.
var audio = SineTone(frequency: 440, seconds: 0.5, sampleRate: 24_000);
for (var offset = 0; offset < audio.Length; offset += 4_800)
{
    await session.SendAsync(new InputAudioBufferAppendEvent(audio.AsMemory(offset, Math.Min(4_800, audio.Length - offset))));
}

await session.SendAsync(new InputAudioBufferCommitEvent());
if (backend.Emulator is null)
{
    // The emulator answers a commit at once; the API answers when asked.
    await session.SendAsync(new ResponseCreateEvent());
}

Console.WriteLine($"Sent {audio.Length:N0} bytes of audio; the events that came back:");
var audioBytes = 0;
var transcript = string.Empty;
while (await events.MoveNextAsync())
{
    var update = events.Current;
    switch (update)
    {
        case ResponseAudioDeltaEvent delta:
            audioBytes += delta.Delta.Length;
            Console.WriteLine($"  {update.Type}: {delta.Delta.Length:N0} bytes");
            break;
        case ResponseAudioTranscriptDeltaEvent piece:
            transcript += piece.Delta;
            break;
        case RealtimeErrorEvent error:
            Console.WriteLine($"  error: {error.Exception?.GetType().Name} {error.Error?.Code}: {error.Error?.Message}");
            break;
        default:
            Console.WriteLine($"  {update.Type}");
            break;
    }

    if (update is ResponseDoneEvent done)
    {
        Console.WriteLine($"Response {done.Response?.Status}: {audioBytes:N0} bytes of audio received, transcript \"{transcript}\", {done.Response?.Usage?.TotalTokens} tokens");
        break;
    }
}

await session.CloseAsync();
Console.WriteLine("Closed the session; done.");

async Task<T> NextAsync<T>()
    where T : RealtimeServerEvent
{
    while (await events.MoveNextAsync())
    {
        switch (events.Current)
        {
            case T wanted:
                return wanted;
            case RealtimeErrorEvent error:
                throw error.Exception!;
        }
    }

    throw new InvalidOperationException($"The session ended before {typeof(T).Name}.");
}

static byte[] SineTone(double frequency, double seconds, int sampleRate)
{
    var samples = (int)(seconds * sampleRate);
    var bytes = new byte[samples * 2];
    for (var i = 0; i < samples; i++)
    {
        var value = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * short.MaxValue * 0.3);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), value);
    }

    return bytes;
}
