// MythicDot fleet: one account's rate limit shared by every process on Redis. Four worker processes with 16 callers each call
// one emulator whose account allows 60 requests per 5 s: first on their own (each process discovers the limit through its own
// 429s), then sharing the limit through MythicDot.Redis (no 429 reaches the server), then with one 429 carrying Retry-After: 3
// answered to one worker, which holds all four. The emulator's request log is the evidence for each figure.
// Needs a Redis for the last two runs: set MYTHICDOT_REDIS=host:port (for example 127.0.0.1:6379). Without it, the first run
// still runs and the sample says how to run the rest. It always uses the emulator: the runs depend on the emulator's small limit.
using System.Globalization;
using MythicDot.Testing;

if (args is ["worker", ..])
{
    return await Worker.RunAsync(WorkerSettings.Parse(args));
}

var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is not known.");
var startWorker = Path.GetFileNameWithoutExtension(self) == "dotnet"
    ? Fleet.Launcher(self, Path.Combine(AppContext.BaseDirectory, "Fleet.dll")) // dotnet Fleet.dll
    : Fleet.Launcher(self);                                                     // the apphost, as `dotnet run` starts it
var redis = Environment.GetEnvironmentVariable("MYTHICDOT_REDIS");
var duration = TimeSpan.FromSeconds(15);
Console.WriteLine($"{Fleet.Workers} worker processes x {Fleet.Callers} callers, for {duration.TotalSeconds:0} s; the emulator allows {Fleet.Limit} requests per {Fleet.Window.TotalSeconds:0} s.");

var alone = await Fleet.RunAsync(startWorker, redis: null, duration);
Print("Without the Redis limiter", alone);
if (string.IsNullOrEmpty(redis))
{
    Console.WriteLine();
    Console.WriteLine("MYTHICDOT_REDIS is not set, so the runs that share the limit on Redis were skipped. To run them, start a Redis");
    Console.WriteLine("(for example `apt-get install redis-server`, then `redis-server --port 6379`) and run:");
    Console.WriteLine("  MYTHICDOT_REDIS=127.0.0.1:6379 dotnet run --project samples/Fleet");
    return 0;
}

var shared = await Fleet.RunAsync(startWorker, redis, duration);
Print($"With the Redis limiter (Redis at {redis})", shared);

// One 429 with Retry-After: 3 in a steady flow: each caller starts a call every 6.4 s (10 requests per second, under the limit),
// and the fault is queued 3 s in, for the next request to take.
var retryAfter = TimeSpan.FromSeconds(3);
var held = await Fleet.RunAsync(startWorker, redis, TimeSpan.FromSeconds(10), async (emulator, cancellationToken) =>
{
    await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
    emulator.EnqueueFault(EmulatorFault.Status(429, message: "Injected by the Fleet sample", retryAfter: RetryAfterForm.Seconds(3)), "chat/completions");
}, pace: TimeSpan.FromSeconds(6.4));
var hold = CooldownHold.Find(held, retryAfter);
Console.WriteLine();
Console.WriteLine("One 429 with Retry-After: 3 in a steady 10 requests per second, with the Redis limiter:");
if (hold is null)
{
    Console.WriteLine("   no request took the injected 429");
    return 1;
}

Console.WriteLine($"   worker {Fleet.WorkerOf(hold.RateLimited)} got the 429 at +{(hold.RateLimited.ReceivedAt - held.Requests[0].ReceivedAt).TotalSeconds:0.000} s; {hold.InFlight} request(s) were already on their way");
Console.WriteLine($"   requests received in the {retryAfter.TotalSeconds:0} s before it: {hold.Before}; in the {retryAfter.TotalSeconds:0} s after it: {hold.DuringHold}; the next one came {hold.Gap.TotalSeconds:0.000} s after the 429");
Console.WriteLine($"   each worker's first request after it: {string.Join(", ", hold.Resumed.OrderBy(r => r.Key).Select(r => $"worker {r.Key} +{r.Value.TotalSeconds:0.000} s"))}");

var ok = shared.RateLimited == 0 && shared.Failed == 0 && shared.Throughput >= 0.9 && hold.DuringHold == 0 && hold.Before > 0 && hold.Resumed.Count == Fleet.Workers;
Console.WriteLine();
Console.WriteLine(ok
    ? "Shared on Redis: no 429 reached the server, every call succeeded, and the one 429 held the whole fleet."
    : "The shared limit did not hold: see the figures above.");
return ok ? 0 : 1;

static void Print(string title, FleetRun run)
{
    Console.WriteLine();
    Console.WriteLine($"{title}:");
    Console.WriteLine($"   requests the emulator received: {run.Requests.Count}; answered 429: {run.RateLimited}");
    Console.WriteLine($"   calls: {run.Succeeded} succeeded, {run.Failed} failed{(run.Workers.FirstOrDefault(w => w.FirstError is not null)?.FirstError is { } error ? $" (first: {error})" : string.Empty)}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   throughput: {run.Throughput:P0} of the limit in the first {run.Duration.TotalSeconds:0} s"));
}
