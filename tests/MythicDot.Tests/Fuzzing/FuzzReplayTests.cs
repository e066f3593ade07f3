using System.Text.RegularExpressions;
using CsCheck;

namespace MythicDot.Tests.Fuzzing;

/// <summary>What <see cref="Fuzz"/> promises the reader of a failure: a shrunk input, printed escaped, and a seed that replays it.</summary>
public sealed class FuzzReplayTests
{
    private static readonly Gen<byte[]> Bodies = FuzzInputs.Bytes(64);

    [Fact]
    public void Run_FailingTarget_ThrowsWithASeedThatReplaysTheShrunkInput()
    {
        // A property that fails on any body holding a quote: a few cases in ten do.
        static void NoQuote(byte[] body) => Assert.DoesNotContain((byte)'"', body);

        var failure = Assert.Throws<CsCheckException>(() => Fuzz.Run("self-test/no-quote", 2_000, Bodies, NoQuote));

        var seed = Regex.Match(failure.Message, "CsCheck_Seed=(\\S+) to reproduce").Groups[1].Value;
        Assert.NotEmpty(seed);
        Assert.IsType<Xunit.Sdk.DoesNotContainException>(failure.InnerException);
        var shown = Shown(failure);
        Assert.Contains("\\\"", shown, StringComparison.Ordinal);

        // The seeded case runs first: alone, it fails again on the same input.
        var replay = Assert.Throws<CsCheckException>(() => Bodies.Sample(NoQuote, seed: seed, iter: 1, threads: 1, print: body => Fuzz.Escape(body)));
        Assert.Equal(shown, Shown(replay));
    }

    /// <summary>The input as the message shows it: the line after the seed's.</summary>
    private static string Shown(CsCheckException failure) => failure.Message.Split('\n', 2)[1].Trim();
}
