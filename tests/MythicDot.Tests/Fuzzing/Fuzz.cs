using System.Globalization;
using System.Text;
using CsCheck;

namespace MythicDot.Tests.Fuzzing;

/// <summary>
/// Runs the fuzz targets on CsCheck: each target samples its <see cref="Gen{T}"/> for a fixed number of cases, and each
/// case is drawn from a fresh random seed, so every run explores new inputs. A failing case is shrunk (CsCheck keeps
/// sampling, asserting only inputs smaller than the smallest failure so far) and the test fails with a
/// <see cref="CsCheckException"/> whose message reads
/// <c>Set seed: "SEED" or -e CsCheck_Seed=SEED to reproduce (N shrinks, M skipped, K total).</c> followed by the shrunk
/// input, escaped by the target's <c>print</c>; its inner exception is the assertion that failed.
/// <para>
/// To replay a failure, run its test alone with CsCheck's own variable set to that seed:
/// <c>dotnet test tests/MythicDot.Tests/MythicDot.Tests.csproj -e CsCheck_Seed=SEED --filter "FullyQualifiedName~ErrorBodyFuzzTests.FromResponse_MutatedEnvelopes_TypedErrorNeverThrows"</c>
/// (or <c>CsCheck_Seed=SEED dotnet test ...</c>). The seeded case runs first and fails again at once; the rest of the
/// run goes on shrinking from it, so the message may end on a smaller input and a new seed. A seed means something only to
/// the target that printed it (under the variable every other target merely starts from some input of its own).
/// <c>CsCheck_Iter</c> has no effect here, each target passing its own count; <c>CsCheck_Threads</c> sets the threads of
/// the targets that do not pin theirs.
/// </para>
/// </summary>
internal static class Fuzz
{
    private const int MaxShownBytes = 2048;

    /// <summary>
    /// Runs <paramref name="cases"/> cases of <paramref name="check"/> on CsCheck's threads (one per core unless
    /// <paramref name="threads"/> says otherwise: 1 where the cases share a handler or a client).
    /// </summary>
    public static void Run<T>(string target, int cases, Gen<T> gen, Action<T> check, Func<T, string>? print = null, int threads = -1) =>
        gen.Sample(check, Report(target), iter: cases, threads: threads, print: print ?? Show);

    /// <summary>The async form of <see cref="Run{T}"/>; each case must end within <paramref name="caseTimeout"/> or fails as a hang.</summary>
    public static Task RunAsync<T>(string target, int cases, TimeSpan caseTimeout, Gen<T> gen, Func<T, Task> check, Func<T, string>? print = null, int threads = -1) =>
        gen.SampleAsync(async input =>
        {
            var task = check(input);
            try
            {
                await task.WaitAsync(caseTimeout);
            }
            catch (TimeoutException) when (!task.IsCompleted)
            {
                throw new TimeoutException($"The case did not end within {caseTimeout.TotalSeconds} s: a hang.");
            }
        }, Report(target), iter: cases, threads: threads, print: print ?? Show);

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

    private static string Show<T>(T input) => input switch
    {
        byte[] bytes => Escape(bytes),
        string text => Escape(text),
        _ => Check.Print(input),
    };

    /// <summary>Where CsCheck's closing line goes: the test's output, as <c>fuzz TARGET: Passed N iterations.</c></summary>
    private static Action<string> Report(string target)
    {
        // Taken now, on the test's own flow: CsCheck may call back from one of its worker threads.
        var output = TestContext.Current.TestOutputHelper;
        return line => output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {target}: {line}"));
    }
}
