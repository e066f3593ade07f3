using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using PeerChat = OpenAI.Chat;

namespace MythicDot.Benchmarks;

/// <summary>
/// Per-chunk streaming latency over a real loopback socket: the server writes and flushes one chunk per millisecond and notes
/// when; each client notes when its caller receives the chunk. Reports time to first token (call start to first content) and
/// the delay from the server's flush to the caller, for a bare HttpClient with SseParser, the OpenAI SDK and MythicDot, in
/// rotated order. A client that holds a chunk back shows it here as a delay of a whole gap or more.
/// </summary>
internal static class StreamLatency
{
    private const int Chunks = 50;
    private static long[] s_sent = new long[Chunks];

    public static async Task<int> RunAsync(string[] args)
    {
        var streams = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        await using var server = await StartServerAsync().ConfigureAwait(false);
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseUrl = new Uri(address + "/v1/");
        Console.WriteLine($"stream latency: {streams} streams of {Chunks} chunks each (one per ms) per client; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var floor = new FloorClient(new HttpClient(), baseUrl, CannedResponses.ApiKey);
        var floorRequest = new FloorChatRequest { Model = CannedResponses.ChatModel, Messages = [new() { Role = "user", Content = "Hi" }], Stream = true };
        var peer = new PeerChat.ChatClient(CannedResponses.ChatModel, new ApiKeyCredential(CannedResponses.ApiKey), new OpenAIClientOptions { Endpoint = baseUrl });
        PeerChat.ChatMessage[] peerMessages = [new PeerChat.UserChatMessage("Hi")];
        var mythic = new MythicDotClient(new MythicDotClientOptions { ApiKey = CannedResponses.ApiKey, BaseUrl = baseUrl });
        var mythicRequest = new ChatCompletionRequest { Model = CannedResponses.ChatModel, Messages = [ChatMessage.User("Hi")] };

        (string Name, Func<Action, Task> Stream)[] clients =
        [
            ("Bare", async onChunk =>
            {
                await foreach (var chunk in floor.StreamAsync(floorRequest).ConfigureAwait(false))
                {
                    if (chunk.Choices[0].Delta.Content is { Length: > 0 })
                    {
                        onChunk();
                    }
                }
            }),
            ("OpenAI", async onChunk =>
            {
                await foreach (var update in peer.CompleteChatStreamingAsync(peerMessages).ConfigureAwait(false))
                {
                    if (update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0)
                    {
                        onChunk();
                    }
                }
            }),
            ("MythicDot", async onChunk =>
            {
                await foreach (var chunk in mythic.Chat.Completions.CreateStreamingAsync(mythicRequest).ConfigureAwait(false))
                {
                    if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta.Content is { Length: > 0 })
                    {
                        onChunk();
                    }
                }
            }),
        ];

        var firstToken = clients.Select(_ => new List<double>()).ToArray();
        var delays = clients.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < streams; round++)
        {
            for (var k = 0; k < clients.Length; k++)
            {
                var index = (k + Math.Max(round, 0)) % clients.Length;
                var (ttft, chunkDelays) = await MeasureAsync(clients[index].Stream).ConfigureAwait(false);
                if (round >= 0)
                {
                    firstToken[index].Add(ttft);
                    delays[index].AddRange(chunkDelays);
                }
            }
        }

        // Streams of one round ran back to back, so the per-round difference to bare cancels most of the machine's drift.
        Console.WriteLine("client      first token µs (p50)   minus bare, per round (p25-p50-p75)   flush->caller µs p50    p99     max   chunks");
        for (var i = 0; i < clients.Length; i++)
        {
            var ttft = firstToken[i].Order().ToList();
            var diff = firstToken[i].Zip(firstToken[0], (x, bare) => x - bare).Order().ToList();
            var d = delays[i].Order().ToList();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{clients[i].Name,-10} {ttft[ttft.Count / 2],14:F0}        {diff[diff.Count / 4],8:F0} {diff[diff.Count / 2],6:F0} {diff[diff.Count * 3 / 4],6:F0}                  {d[d.Count / 2],10:F0} {d[(int)((d.Count - 1) * 0.99)],7:F0} {d[^1],7:F0}   {d.Count}"));
        }

        return 0;
    }

    private static async Task<(double FirstTokenMicros, List<double> DelaysMicros)> MeasureAsync(Func<Action, Task> stream)
    {
        var received = new long[Chunks];
        s_sent = new long[Chunks];
        var count = 0;
        var start = Stopwatch.GetTimestamp();
        await stream(() =>
        {
            if (count < Chunks)
            {
                received[count] = Stopwatch.GetTimestamp();
            }

            count++;
        }).ConfigureAwait(false);
        if (count != Chunks)
        {
            throw new InvalidOperationException($"received {count} content chunks, expected {Chunks}");
        }

        var delays = new List<double>(Chunks);
        for (var i = 0; i < Chunks; i++)
        {
            delays.Add(Stopwatch.GetElapsedTime(s_sent[i], received[i]).TotalMicroseconds);
        }

        return (Stopwatch.GetElapsedTime(start, received[0]).TotalMicroseconds, delays);
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        const string head = "data: {\"id\":\"chatcmpl-abc123\",\"object\":\"chat.completion.chunk\",\"created\":1704067200,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,";
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            context.Response.ContentType = "text/event-stream";
            var body = context.Response.Body;
            await body.WriteAsync(Encoding.UTF8.GetBytes(head + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n")).ConfigureAwait(false);
            await body.FlushAsync().ConfigureAwait(false);
            var sent = s_sent;
            for (var i = 0; i < Chunks; i++)
            {
                var chunk = Encoding.UTF8.GetBytes(head + "\"delta\":{\"content\":\" w" + i.ToString(CultureInfo.InvariantCulture) + "\"},\"finish_reason\":null}]}\n\n");
                sent[i] = Stopwatch.GetTimestamp();
                await body.WriteAsync(chunk).ConfigureAwait(false);
                await body.FlushAsync().ConfigureAwait(false);
                await Task.Delay(1).ConfigureAwait(false);
            }

            await body.WriteAsync(Encoding.UTF8.GetBytes(head + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }
}
