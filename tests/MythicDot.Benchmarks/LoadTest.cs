using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MythicDot.Benchmarks;

/// <summary>
/// The loopback run of issue 5: many concurrent callers against a canned Kestrel endpoint, MythicDot against a bare HttpClient,
/// with requests per second, the thread pool watched for starvation, and the connections each client opened.
/// </summary>
internal static class LoadTest
{
    private static long s_connections;

    public static async Task<int> RunAsync(string[] args)
    {
        var callers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

        await using var server = await StartServerAsync().ConfigureAwait(false);
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseUrl = new Uri(address + "/v1/");
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        Console.WriteLine($"Server {baseUrl}; {callers} callers x {calls:N0} calls, {rounds} rounds; {Environment.ProcessorCount} cores, min worker threads {minWorkers}, .NET {Environment.Version}");

        var floor = new FloorClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), baseUrl, CannedResponses.ApiKey);
        var floorRequest = new FloorChatRequest
        {
            Model = CannedResponses.ChatModel,
            Messages = [new() { Role = "system", Content = CannedResponses.SystemPrompt }, new() { Role = "user", Content = CannedResponses.UserPrompt }],
        };

        // MythicDot as most callers build it: no HttpClient of their own, so the SDK's shared handler, default retries and timeout.
        var mythicOptions = new MythicDotClientOptions { ApiKey = CannedResponses.ApiKey, BaseUrl = baseUrl };
        var mythic = args.Contains("own-http")
            ? new MythicDotClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), mythicOptions)
            : new MythicDotClient(mythicOptions);
        var mythicRequest = new ChatCompletionRequest
        {
            Model = CannedResponses.ChatModel,
            Messages = [ChatMessage.System(CannedResponses.SystemPrompt), ChatMessage.User(CannedResponses.UserPrompt)],
        };

        // `di`: each call resolves its client from a service provider, as a scoped service or a controller would: the bare side
        // through IHttpClientFactory (AddHttpClient), MythicDot through AddMythicDotClient.
        var services = new ServiceCollection();
        services.AddHttpClient("bare");
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = CannedResponses.ApiKey;
            o.BaseUrl = baseUrl;
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var perCall = args.Contains("di");
        if (perCall)
        {
            Console.WriteLine("each call resolves its client: IHttpClientFactory.CreateClient for bare, GetRequiredService<MythicDotClient> for MythicDot");
        }

        async Task<int> Bare(CancellationToken token)
        {
            var client = perCall ? new FloorClient(factory.CreateClient("bare"), baseUrl, CannedResponses.ApiKey) : floor;
            return (await client.ChatAsync(floorRequest, token).ConfigureAwait(false)).Choices[0].Message.Content!.Length;
        }

        async Task<int> Mythic(CancellationToken token)
        {
            var client = perCall ? provider.GetRequiredService<MythicDotClient>() : mythic;
            return (await client.Chat.Completions.CreateAsync(mythicRequest, token).ConfigureAwait(false)).Choices[0].Message.Content!.Length;
        }

        // Warm-up: connection pools, then tiered compilation and PGO, which take tens of thousands of calls to settle.
        long warmBare = 0, warmMythic = 0;
        for (var i = 0; i < 2; i++)
        {
            warmBare += (await MeasureAsync("bare", Bare, callers, calls).ConfigureAwait(false)).Connections;
            warmMythic += (await MeasureAsync("MythicDot", Mythic, callers, calls).ConfigureAwait(false)).Connections;
        }

        Console.WriteLine($"warm-up ({2 * calls:N0} calls each): bare opened {warmBare} connections, MythicDot opened {warmMythic}");

        var ratios = new List<double>();
        var p99Ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate the order so that neither client always runs on a warmer (or busier) machine.
            var first = round % 2 == 1;
            var a = await MeasureAsync(first ? "bare" : "MythicDot", first ? Bare : Mythic, callers, calls).ConfigureAwait(false);
            var b = await MeasureAsync(first ? "MythicDot" : "bare", first ? Mythic : Bare, callers, calls).ConfigureAwait(false);
            var (bare, sdk) = first ? (a, b) : (b, a);
            Print(round, bare);
            Print(round, sdk);
            ratios.Add(sdk.RequestsPerSecond / bare.RequestsPerSecond);
            p99Ratios.Add(sdk.P99Ms / bare.P99Ms);
        }

        ratios.Sort();
        p99Ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MythicDot / bare p99 latency: median {p99Ratios[p99Ratios.Count / 2]:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MythicDot / bare requests per second: median {ratios[ratios.Count / 2]:0.000} (rounds: {string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))})"));
        return 0;
    }

    private static void Print(int round, Result result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round} {result.Name,-9}: {result.RequestsPerSecond,9:N0} req/s  p50 {result.P50Ms:0.00} ms  p99 {result.P99Ms:0.00} ms  ({result.Calls:N0} calls in {result.Elapsed.TotalSeconds:0.00} s)  threads max {result.MaxThreads}  pending work items max {result.MaxPending}  connections opened {result.Connections}  failures {result.Failures}"));

    private static async Task<Result> MeasureAsync(string name, Func<CancellationToken, Task<int>> call, int callers, int calls)
    {
        var remaining = calls;
        var failures = 0;
        var latencies = new long[calls];
        var connectionsBefore = Interlocked.Read(ref s_connections);
        using var watch = new PoolWatch();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int slot;
            while ((slot = Interlocked.Decrement(ref remaining)) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(CancellationToken.None).ConfigureAwait(false);
                    latencies[slot] = Stopwatch.GetTimestamp() - started;
                }
                catch (Exception exception) when (exception is HttpRequestException or ApiError or IOException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        stopwatch.Stop();
        Array.Sort(latencies);
        double Ms(double quantile) => latencies[(int)((calls - 1) * quantile)] * 1000.0 / Stopwatch.Frequency;
        return new Result(name, calls, stopwatch.Elapsed, watch.MaxThreads, watch.MaxPending, Interlocked.Read(ref s_connections) - connectionsBefore, failures) { P50Ms = Ms(0.50), P99Ms = Ms(0.99) };
    }

    internal static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref s_connections);
                return next(connection);
            })));
        var app = builder.Build();
        var body = CannedResponses.Chat.Body;
        app.Run(async context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/v1/chat/completions")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            context.Response.Headers["x-request-id"] = "req_123abc";
            await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    private sealed record Result(string Name, int Calls, TimeSpan Elapsed, int MaxThreads, long MaxPending, long Connections, int Failures)
    {
        public double P50Ms { get; init; }

        public double P99Ms { get; init; }

        public double RequestsPerSecond => Calls / Elapsed.TotalSeconds;
    }

    /// <summary>Samples the thread pool on a dedicated thread (not a pool thread, so it still runs if the pool starves).</summary>
    private sealed class PoolWatch : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public PoolWatch()
        {
            _thread = new Thread(Sample) { IsBackground = true, Name = "pool watch" };
            _thread.Start();
        }

        public int MaxThreads { get; private set; }

        public long MaxPending { get; private set; }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }

        private void Sample()
        {
            while (!_stop)
            {
                MaxThreads = Math.Max(MaxThreads, ThreadPool.ThreadCount);
                MaxPending = Math.Max(MaxPending, ThreadPool.PendingWorkItemCount);
                Thread.Sleep(20);
            }
        }
    }
}
