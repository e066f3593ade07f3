using BenchmarkDotNet.Running;
using MythicDot.Benchmarks;

// `-- load`: the loopback concurrency test; `-- paired`: alternating batches (a cross-check on a noisy machine);
// `-- loop CASE IMPL SECONDS`: one benchmark in a loop, for a profiler; `-- verify`: each benchmark once; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "load")
{
    return await LoadTest.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "stream-latency")
{
    return await StreamLatency.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "coldstart")
{
    return await ColdStart.RunAsync(args[1..]).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "paired")
{
    return PairedRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "loop")
{
    return PairedRun.Loop(args[1..]);
}

if (args.Length > 0 && args[0] == "verify")
{
    new ClientBenchmarks().Setup();
    Console.WriteLine("Every benchmark read the whole canned answer.");
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ClientBenchmarks).Assembly).Run(args, BenchmarkConfig.Create());
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
