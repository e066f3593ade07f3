using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MythicDot.Benchmarks;

/// <summary>
/// Process start to one chat answer, timed as whole processes against a canned loopback server: MythicDot's twin against a
/// bare-HttpClient twin and an OpenAI-SDK twin (tests/MythicDot.Benchmarks.ColdStart), JIT (framework-dependent) and NativeAOT,
/// in rotated order each round; with each twin's second construction right after start-up and the NativeAOT binary sizes.
/// </summary>
internal static class ColdStart
{
    private static readonly string[] Twins = ["Bare", "OpenAI", "MythicDot"];

    // `di`: AddHttpClient against AddMythicDotClient; the figure after the answer is the first resolve (from Main) instead.
    private static readonly string[] DiTwins = ["BareDI", "MythicDotDI"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) ? r : 21;
        string[] modes = args.Length > 1 ? [args[1]] : ["jit", "aot", "di"];
        var root = FindRepoRoot();
        await using var server = await LoadTest.StartServerAsync().ConfigureAwait(false);
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseUrl = address + "/v1/";
        if (args.Contains("serve"))
        {
            // For profiling a twin by hand: the same server, until Ctrl+C.
            Console.WriteLine($"serving {baseUrl}");
            await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
        }

        Console.WriteLine($"cold start: {rounds} rounds, order rotated each round; {Environment.ProcessorCount} cores, .NET {Environment.Version}; server {baseUrl}");
        foreach (var mode in modes)
        {
            var twins = mode == "di" ? DiTwins : Twins;
            var binaries = twins.Select(twin => Publish(root, twin, mode == "aot" ? "aot" : "jit")).ToArray();
            foreach (var binary in binaries)
            {
                Run(binary, baseUrl); // warm the file cache
            }

            var wall = twins.Select(_ => new List<double>()).ToArray();
            var second = twins.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < twins.Length; k++)
                {
                    var index = (k + round) % twins.Length;
                    var (ms, secondMicros) = Run(binaries[index], baseUrl);
                    wall[index].Add(ms);
                    second[index].Add(secondMicros);
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{mode}: twin        start->answer ms (p25-p75)   ratio to bare (p25-p75)   {(mode == "di" ? "first resolve µs" : "second construction µs")}   binary");
            for (var i = 0; i < twins.Length; i++)
            {
                var ratios = wall[i].Zip(wall[0], (x, bare) => x / bare).Order().ToList();
                var sorted = wall[i].Order().ToList();
                var size = mode == "aot" ? new FileInfo(binaries[i]).Length.ToString("N0", CultureInfo.InvariantCulture) + " B" : "-";
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{mode}: {twins[i],-11} {Median(sorted),8:F1} ({Percentile(sorted, 0.25):F1}-{Percentile(sorted, 0.75):F1})      {Median(ratios),5:F2} ({Percentile(ratios, 0.25):F2}-{Percentile(ratios, 0.75):F2})          {Median(second[i].Order().ToList()),8:F1}          {size}"));
            }
        }

        return 0;
    }

    private static string Publish(string root, string twin, string mode)
    {
        var project = Path.Combine(root, "tests", "MythicDot.Benchmarks.ColdStart", twin);
        var output = Path.Combine(root, "artifacts", "coldstart", mode, twin);
        var extra = mode == "aot" ? "-p:PublishAot=true" : "--self-contained false";
        var publish = Process.Start(new ProcessStartInfo("dotnet", $"publish \"{project}\" -c Release -r linux-x64 {extra} -o \"{output}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"publishing {twin} ({mode}) failed:\n{log}");
        }

        return Path.Combine(output, "ColdStart." + twin);
    }

    private static (double Ms, double SecondMicros) Run(string binary, string baseUrl)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo(binary, baseUrl) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var ms = watch.Elapsed.TotalMilliseconds;
        var fields = output.Trim().Split('\t');
        if (process.ExitCode != 0 || fields.Length != 2 || int.Parse(fields[0], CultureInfo.InvariantCulture) != CannedResponses.Answer.Length)
        {
            throw new InvalidOperationException($"{binary} did not print the answer (exit {process.ExitCode}): {output}");
        }

        return (ms, double.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MythicDot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }

    private static double Median(List<double> sorted) => Percentile(sorted, 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Round((sorted.Count - 1) * p)];
}
