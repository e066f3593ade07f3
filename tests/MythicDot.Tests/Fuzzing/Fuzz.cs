using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// Seeded, reproducible fuzz loops. Every case draws from its own <see cref="Random"/>, made from the run's seed, the
/// target's name and the case's index, so that a failing case replays alone: set <c>MYTHICDOT_FUZZ_SEED</c> to the
/// seed the failure printed and <c>MYTHICDOT_FUZZ_CASE</c> to its index.
/// </summary>
internal static class Fuzz
{
    public const int DefaultSeed = 20250601;
    public const string SeedVariable = "MYTHICDOT_FUZZ_SEED";
    public const string CaseVariable = "MYTHICDOT_FUZZ_CASE";

    private const int MaxShownBytes = 2048;

    public static int Seed { get; } = ReadInt(SeedVariable) ?? DefaultSeed;

    private static int? OnlyCase { get; } = ReadInt(CaseVariable);

    /// <summary>The case's random source: depends on the seed, the target and the index only.</summary>
    public static Random CaseRandom(string target, int index)
    {
        // FNV-1a over the name: string.GetHashCode() changes from process to process.
        var hash = 2166136261u;
        foreach (var c in target)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random(unchecked((int)((uint)Seed * 2654435761u ^ hash) + (index * 1_000_003)));
    }

    /// <summary>Runs <paramref name="cases"/> cases of <paramref name="check"/> over generated inputs; returns how many ran.</summary>
    public static int Run<T>(string target, int cases, Func<Random, T> generate, Action<T, Random> check, Func<T, string>? show = null)
    {
        var ran = 0;
        foreach (var index in Indexes(cases))
        {
            var random = CaseRandom(target, index);
            var input = generate(random);
            try
            {
                check(input, random);
            }
            catch (Exception exception)
            {
                throw Failure(target, index, Show(input, show), exception);
            }

            ran++;
        }

        Report(target, ran);
        return ran;
    }

    /// <summary>The async form of <see cref="Run{T}"/>; each case must end within <paramref name="caseTimeout"/> or fails as a hang.</summary>
    public static async Task<int> RunAsync<T>(string target, int cases, TimeSpan caseTimeout, Func<Random, T> generate, Func<T, Random, Task> check, Func<T, string>? show = null)
    {
        var ran = 0;
        foreach (var index in Indexes(cases))
        {
            var random = CaseRandom(target, index);
            var input = generate(random);
            try
            {
                var task = check(input, random);
                try
                {
                    await task.WaitAsync(caseTimeout);
                }
                catch (TimeoutException) when (!task.IsCompleted)
                {
                    throw new TimeoutException($"The case did not end within {caseTimeout.TotalSeconds} s: a hang.");
                }
            }
            catch (Exception exception)
            {
                throw Failure(target, index, Show(input, show), exception);
            }

            ran++;
        }

        Report(target, ran);
        return ran;
    }

    /// <summary>Bytes as text a reader can paste into a C# string: printable ASCII kept, everything else escaped.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(Math.Min(bytes.Length, MaxShownBytes) + 32);
        foreach (var b in bytes.Length > MaxShownBytes ? bytes[..MaxShownBytes] : bytes)
        {
            switch (b)
            {
                case (byte)'\\': text.Append(@"\\"); break;
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\n': text.Append(@"\n"); break;
                case (byte)'\r': text.Append(@"\r"); break;
                case (byte)'\t': text.Append(@"\t"); break;
                case >= 0x20 and < 0x7F: text.Append((char)b); break;
                default: text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}"); break;
            }
        }

        if (bytes.Length > MaxShownBytes)
        {
            text.Append(CultureInfo.InvariantCulture, $"... ({bytes.Length} bytes in all)");
        }

        return "\"" + text + "\"";
    }

    /// <summary>A string escaped the same way, via its UTF-16 code units (lone surrogates shown as <c>\uXXXX</c>).</summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxShownBytes) + 32);
        foreach (var c in value.Length > MaxShownBytes ? value[..MaxShownBytes] : value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case >= ' ' and < (char)0x7F: text.Append(c); break;
                default: text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"); break;
            }
        }

        if (value.Length > MaxShownBytes)
        {
            text.Append(CultureInfo.InvariantCulture, $"... ({value.Length} chars in all)");
        }

        return "\"" + text + "\"";
    }

    private static IEnumerable<int> Indexes(int cases) => OnlyCase is { } only ? [only] : Enumerable.Range(0, cases);

    private static string Show<T>(T input, Func<T, string>? show) => show is not null ? show(input) : input switch
    {
        byte[] bytes => Escape(bytes),
        string text => Escape(text),
        _ => input?.ToString() ?? "null",
    };

    private static Exception Failure(string target, int index, string input, Exception exception)
    {
        // Keep assertion failures as they are (xunit prints them best) but put the replay line first.
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Fuzz target '{target}' failed at case {index} with seed {Seed} (replay: {SeedVariable}={Seed} {CaseVariable}={index}).{Environment.NewLine}Input: {input}{Environment.NewLine}{exception.GetType().FullName}: {exception.Message}");
        var failure = new FuzzCaseException(message, exception);
        ExceptionDispatchInfo.SetCurrentStackTrace(failure);
        return failure;
    }

    private static void Report(string target, int ran) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {target}: {ran} cases, seed {Seed}"));

    private static int? ReadInt(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>A fuzz case failed; the message says how to replay it.</summary>
internal sealed class FuzzCaseException(string message, Exception inner) : Exception(message, inner);
