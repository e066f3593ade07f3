using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MythicDot.Benchmarks;

/// <summary>
/// A cross-check for a shared, noisy machine: runs Floor, Peer and MythicDot of one case in short alternating batches in one
/// process, so that a load spike from elsewhere hits all three alike, and reports the median of the per-round ratios.
/// </summary>
/// <remarks>BenchmarkDotNet measures each benchmark in its own process one after another, so its ratios compare different minutes.
/// Besides wall-clock time it reads the process's CPU time (Linux), which does not count the time other processes hold the cores.</remarks>
internal static partial class PairedRun
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 41;
        var filter = args.Length > 1 ? args[1] : null;
        var bench = new ClientBenchmarks();
        bench.Setup();
        List<(string Case, Func<Task> Floor, Func<Task> Peer, Func<Task> Mythic)> cases =
        [
            ("chat", bench.Chat_Floor, bench.Chat_Peer, bench.Chat_MythicDot),
            ("stream", bench.Stream_Floor, bench.Stream_Peer, bench.Stream_MythicDot),
            ("error", bench.Error_Floor, bench.Error_Peer, bench.Error_MythicDot),
            ("embeddings", bench.Embeddings_Floor, bench.Embeddings_Peer, bench.Embeddings_MythicDot),
            ("construct", bench.Construct_Floor, bench.Construct_Peer, bench.Construct_MythicDot),
        ];
        foreach (var size in EmbeddingSizes.Sizes)
        {
            var name = "base64-embeddings-" + size.ToString(CultureInfo.InvariantCulture);
            if (filter is null || name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                var sized = new EmbeddingSizes(size);
                cases.Add((name, sized.Floor, sized.Peer, sized.Mythic));
            }
        }

        Console.WriteLine($"paired run: {rounds} rounds of ~20 ms batches, order rotated each round; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("case        impl        wall ns/op  CPU ns/op      B/op   wall ratio (p25-p75)   CPU ratio (p25-p75)   alloc ratio");
        foreach (var (name, floor, peer, mythic) in cases)
        {
            if (filter is not null && !name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Func<Task>[] impls = [floor, peer, mythic];
            WarmUp(impls);
            var batch = impls.Select(i => BatchSize(i)).ToArray();
            var times = impls.Select(_ => new List<double>()).ToArray();
            var cpu = impls.Select(_ => new List<double>()).ToArray();
            var bytes = impls.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < impls.Length; k++)
                {
                    var index = (k + round) % impls.Length;
                    var (ns, cpuNs, b) = Measure(impls[index], batch[index]);
                    times[index].Add(ns);
                    cpu[index].Add(cpuNs);
                    bytes[index].Add(b);
                }
            }

            string[] labels = ["Floor", "Peer", "MythicDot"];
            for (var i = 0; i < impls.Length; i++)
            {
                var ratios = times[i].Zip(times[0], (x, f) => x / f).Order().ToList();
                var cpuRatios = cpu[i].Zip(cpu[0], (x, f) => x / f).Order().ToList();
                var alloc = Median(bytes[i]) / Median(bytes[0]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-11} {labels[i],-11} {Median(times[i]),10:N0} {Median(cpu[i]),10:N0} {Median(bytes[i]),9:N0}   {Percentile(ratios, 0.5),5:0.00} ({Percentile(ratios, 0.25):0.00}-{Percentile(ratios, 0.75):0.00})     {Percentile(cpuRatios, 0.5),5:0.00} ({Percentile(cpuRatios, 0.25):0.00}-{Percentile(cpuRatios, 0.75):0.00})    {alloc,6:0.00}"));
            }
        }

        return 0;
    }

    /// <summary>Runs one benchmark in a loop for a while, for a profiler to attach to (<c>-- loop chat MythicDot 20</c>).</summary>
    public static int Loop(string[] args)
    {
        var bench = new ClientBenchmarks();
        bench.Setup();
        var method = typeof(ClientBenchmarks).GetMethod($"{char.ToUpperInvariant(args[0][0])}{args[0][1..]}_{args[1]}")
            ?? throw new ArgumentException($"No benchmark {args[0]}_{args[1]}.");
        var op = method.CreateDelegate<Func<Task>>(bench);
        // "20" runs for 20 seconds; "5000x" runs 5,000 calls (for instruction counts under valgrind, which vary by count only).
        var length = args.Length > 2 ? args[2] : "20";
        var count = length.EndsWith('x') ? long.Parse(length[..^1], CultureInfo.InvariantCulture) : long.MaxValue;
        var seconds = length.EndsWith('x') ? double.MaxValue : double.Parse(length, CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var n = 0L;
        while (n < count && watch.Elapsed.TotalSeconds < seconds)
        {
            op().GetAwaiter().GetResult();
            n++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{method.Name}: {n:N0} calls, {watch.Elapsed.TotalNanoseconds / n:N0} ns/op"));
        return 0;
    }

    /// <summary>
    /// Runs every implementation until the JIT has compiled its hot code at the optimized tier. The runtime promotes methods
    /// only after a quiet spell with no new methods compiled; alternating implementations keeps compiling new ones for a while,
    /// so without this the first rounds (and, in short runs, most of them) measure unoptimized code.
    /// </summary>
    private static void WarmUp(Func<Task>[] impls)
    {
        for (var pass = 0; pass < 4; pass++)
        {
            foreach (var op in impls)
            {
                var watch = Stopwatch.StartNew();
                while (watch.ElapsedMilliseconds < 250)
                {
                    op().GetAwaiter().GetResult();
                }
            }

            Thread.Sleep(300); // the quiet spell, and time for the background compiler
        }
    }

    private static int BatchSize(Func<Task> op)
    {
        for (var i = 0; i < 50; i++)
        {
            op().GetAwaiter().GetResult();
        }

        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.ElapsedMilliseconds < 20)
        {
            op().GetAwaiter().GetResult();
            n++;
        }

        return Math.Max(n, 1);
    }

    private static (double NsPerOp, double CpuNsPerOp, double BytesPerOp) Measure(Func<Task> op, int n)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = ProcessCpuNanoseconds();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            op().GetAwaiter().GetResult();
        }

        watch.Stop();
        var cpu = ProcessCpuNanoseconds() - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (watch.Elapsed.TotalNanoseconds / n, (double)cpu / n, (double)allocated / n);
    }

    private static long ProcessCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (long)Process.GetCurrentProcess().TotalProcessorTime.TotalNanoseconds;
        }

        const int ClockProcessCpuTimeId = 2;
        return ClockGetTime(ClockProcessCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static double Median(List<double> values) => Percentile(values.Order().ToList(), 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Round((sorted.Count - 1) * p)];
}
