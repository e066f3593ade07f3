using System.Diagnostics;
using System.Globalization;
using MythicDot.Testing;

/// <summary>The fleet's shape and one run of it: an emulator whose account allows <see cref="Limit"/> requests per
/// <see cref="Window"/>, and <see cref="Workers"/> worker processes with <see cref="Callers"/> callers each sharing it.</summary>
public static class Fleet
{
    /// <summary>The requests the account allows per <see cref="Window"/>.</summary>
    public const int Limit = 60;

    /// <summary>The worker processes.</summary>
    public const int Workers = 4;

    /// <summary>The callers in each worker.</summary>
    public const int Callers = 16;

    /// <summary>The header that tells the emulator's log which worker sent a request.</summary>
    public const string WorkerHeader = "X-Fleet-Worker";

    /// <summary>The account's window: short, so that the run takes seconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>Starts the emulator and the workers, lets them call for <paramref name="duration"/>, and returns what happened.</summary>
    /// <param name="startWorker">Makes the start info of a worker process from the worker's arguments.</param>
    /// <param name="redis">The Redis address (<c>host:port</c>) for the shared limits, or <see langword="null"/> for none.</param>
    /// <param name="duration">How long the callers start new calls.</param>
    /// <param name="during">Runs beside the workers once they are sent off, for example to queue a fault; may be <see langword="null"/>.</param>
    /// <param name="pace">How often each caller starts a call; <see cref="TimeSpan.Zero"/> for back to back.</param>
    /// <param name="cancellationToken">Stops the run; the workers are killed.</param>
    /// <returns>The emulator's request log and each worker's report.</returns>
    public static async Task<FleetRun> RunAsync(
        Func<IReadOnlyList<string>, ProcessStartInfo> startWorker,
        string? redis,
        TimeSpan duration,
        Func<MythicDotEmulator, CancellationToken, Task>? during = null,
        TimeSpan pace = default,
        CancellationToken cancellationToken = default)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(
            new MythicDotEmulatorOptions { RequestsPerMinute = Limit, RateLimitWindow = Window }, cancellationToken);
        var keyPrefix = $"fleet-{Guid.NewGuid():N}"; // a fresh budget on Redis for every run
        var workers = new List<WorkerProcess>();
        try
        {
            for (var id = 1; id <= Workers; id++)
            {
                var settings = new WorkerSettings(id, emulator.BaseUrl, emulator.ApiKey, redis, keyPrefix, Callers, duration, pace);
                workers.Add(WorkerProcess.Start(startWorker(settings.ToArguments())));
            }

            foreach (var worker in workers)
            {
                await worker.WaitForAsync("ready", cancellationToken);
            }

            var started = DateTimeOffset.UtcNow;
            foreach (var worker in workers)
            {
                await worker.SendAsync("go");
            }

            var beside = during?.Invoke(emulator, cancellationToken) ?? Task.CompletedTask;
            var reports = new List<WorkerReport>();
            foreach (var worker in workers)
            {
                reports.Add(WorkerReport.Parse(await worker.WaitForAsync("done", cancellationToken)));
            }

            await beside;
            foreach (var worker in workers)
            {
                await worker.WaitForExitAsync(cancellationToken);
            }

            return new FleetRun(started, duration, [.. emulator.Requests], reports);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    /// <summary>Starts workers as <c>fileName leadingArguments... worker ...</c>.</summary>
    /// <param name="fileName">The program: this sample's apphost, or <c>dotnet</c>.</param>
    /// <param name="leadingArguments">Arguments before the worker's, for example the path of <c>Fleet.dll</c>.</param>
    /// <returns>The factory <see cref="RunAsync"/> takes.</returns>
    public static Func<IReadOnlyList<string>, ProcessStartInfo> Launcher(string fileName, params string[] leadingArguments) => arguments =>
    {
        var start = new ProcessStartInfo(fileName);
        foreach (var argument in leadingArguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    };

    /// <summary>Which worker sent a request, from the header each worker's client adds.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The worker's id, or 0 when the header is missing.</returns>
    public static int WorkerOf(RecordedRequest request) =>
        request.Headers.TryGetValue(WorkerHeader, out var id) ? int.Parse(id, CultureInfo.InvariantCulture) : 0;
}

/// <summary>What one run of the fleet did: every request the emulator received, and each worker's own count.</summary>
/// <param name="Started">When the workers were sent off.</param>
/// <param name="Duration">How long the callers started new calls.</param>
/// <param name="Requests">The emulator's request log, with the status each request was answered with.</param>
/// <param name="Workers">Each worker's report.</param>
public sealed record FleetRun(DateTimeOffset Started, TimeSpan Duration, IReadOnlyList<RecordedRequest> Requests, IReadOnlyList<WorkerReport> Workers)
{
    /// <summary>Gets the requests the emulator answered with 429.</summary>
    public int RateLimited => Requests.Count(r => r.StatusCode == 429);

    /// <summary>Gets the calls that succeeded, over all workers.</summary>
    public int Succeeded => Workers.Sum(w => w.Succeeded);

    /// <summary>Gets the calls that failed, over all workers.</summary>
    public int Failed => Workers.Sum(w => w.Failed);

    /// <summary>Gets the successful requests in the first <see cref="Duration"/> after the first request as a share of what the
    /// limit allows in that time (<see cref="Fleet.Limit"/> for each window begun).</summary>
    public double Throughput
    {
        get
        {
            if (Requests.Count == 0)
            {
                return 0;
            }

            var first = Requests.Min(r => r.ReceivedAt);
            var served = Requests.Count(r => r.StatusCode == 200 && r.ReceivedAt < first + Duration);
            var windows = Math.Ceiling(Duration / Fleet.Window);
            return served / (windows * Fleet.Limit);
        }
    }
}

/// <summary>A worker's closing line: <c>done &lt;succeeded&gt; &lt;failed&gt; &lt;first error or -&gt;</c>.</summary>
/// <param name="Succeeded">The calls that succeeded.</param>
/// <param name="Failed">The calls that failed with an API error.</param>
/// <param name="FirstError">The first failure's type and message, or <see langword="null"/>.</param>
public sealed record WorkerReport(int Succeeded, int Failed, string? FirstError)
{
    internal static WorkerReport Parse(string line)
    {
        var parts = line.Split(' ', 4);
        return new WorkerReport(
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture),
            parts.Length > 3 && parts[3] != "-" ? parts[3] : null);
    }
}

/// <summary>A worker process, spoken to over its standard input and output.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _errors = [];

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the worker '{start.FileName}'.");
        var worker = new WorkerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (worker._errors)
                {
                    worker._errors.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Reads the worker's output until a line that starts with <paramref name="word"/>.</summary>
    public async Task<string> WaitForAsync(string word, CancellationToken cancellationToken)
    {
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == word || line.StartsWith(word + " ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        await _process.WaitForExitAsync(cancellationToken);
        string errors;
        lock (_errors)
        {
            errors = string.Join(Environment.NewLine, _errors.TakeLast(20));
        }

        throw new InvalidOperationException($"A worker exited with code {_process.ExitCode} before it said '{word}'.{Environment.NewLine}{errors}");
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

/// <summary>What one 429 with a server wait did to the fleet, from the emulator's log.</summary>
/// <param name="RateLimited">The request answered 429.</param>
/// <param name="InFlight">Requests received within <see cref="CooldownHold.InFlightAllowance"/> after it: sent before its answer
/// could reach Redis.</param>
/// <param name="DuringHold">Requests received after those and before the wait was over: there should be none.</param>
/// <param name="Gap">From the 429 to the next request received after the in-flight ones.</param>
/// <param name="Resumed">For each worker, how long after the 429 its first request after the in-flight ones came.</param>
/// <param name="Before">The requests received in the wait's length before the 429: what the fleet sends when nothing holds it.</param>
public sealed record CooldownHold(RecordedRequest RateLimited, int InFlight, int DuringHold, TimeSpan Gap, IReadOnlyDictionary<int, TimeSpan> Resumed, int Before)
{
    /// <summary>How long after a 429 a request counts as already on its way: the answer's trip to the worker and the hold's to Redis.</summary>
    public static readonly TimeSpan InFlightAllowance = TimeSpan.FromMilliseconds(100);

    /// <summary>Finds the first 429 in the run's log and what followed it.</summary>
    /// <param name="run">The run.</param>
    /// <param name="wait">The wait the 429 asked for.</param>
    /// <returns>The hold, or <see langword="null"/> when no request was answered 429.</returns>
    public static CooldownHold? Find(FleetRun run, TimeSpan wait)
    {
        if (run.Requests.FirstOrDefault(r => r.StatusCode == 429) is not { } limited)
        {
            return null;
        }

        var at = limited.ReceivedAt;
        var after = run.Requests.Where(r => r.ReceivedAt > at).ToList();
        var inFlight = after.Count(r => r.ReceivedAt <= at + InFlightAllowance);
        var later = after.Where(r => r.ReceivedAt > at + InFlightAllowance).ToList();
        var during = later.Count(r => r.ReceivedAt < at + wait);
        var gap = later.Count > 0 ? later.Min(r => r.ReceivedAt) - at : TimeSpan.Zero;
        var resumed = later.GroupBy(Fleet.WorkerOf).ToDictionary(g => g.Key, g => g.Min(r => r.ReceivedAt) - at);
        var before = run.Requests.Count(r => r.ReceivedAt < at && r.ReceivedAt >= at - wait);
        return new CooldownHold(limited, inFlight, during, gap, resumed, before);
    }
}
