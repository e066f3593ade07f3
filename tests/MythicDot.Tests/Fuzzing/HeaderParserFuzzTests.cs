using System.Globalization;
using System.Text;
using MythicDot.Resilience;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>The Retry-After, duration and rate-limit header parsers over random and mutated values: no value or a sane one, never a throw.</summary>
public sealed class HeaderParserFuzzTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Clock = new(Now);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(365);

    private static readonly string[] ValidRetryAfter = ["0", "1", "30", "0.5", "120", "86400", " 7 ", "Sun, 01 Jun 2025 12:00:30 GMT", "Wed, 21 Oct 2015 07:28:00 GMT", "Tue, 01 Jun 2100 00:00:00 GMT"];
    private static readonly string[] ValidDurations = ["1", "0.5", "1s", "6m0s", "20ms", "1h2m3.5s", "250us", "1µs", "3ns", "59.999s", "0s", "1m", "2h"];
    private static readonly string[] ValidCounts = ["0", "1", "10000", "2000000", "9223372036854775807"];

    [Fact]
    public void RetryAfterReader_RandomAndMutatedValues_NullOrPositiveBoundedWait() =>
        Fuzz.Run("headers/retry-after", 8_000, r => HeaderValue(r, ValidRetryAfter), (value, _) =>
        {
            AssertWait(RetryAfterReader.FromRetryAfter(value, Clock));
            AssertWait(RetryAfterReader.FromMilliseconds(value));
        });

    [Fact]
    public void RetryAfterReader_ResponseHeadersAndBodySeconds_NullOrPositiveBoundedWait() =>
        Fuzz.Run("headers/retry-after-response", 5_000, r => (Ms: Maybe(r, HeaderValue(r, ValidRetryAfter)), Header: Maybe(r, HeaderValue(r, ValidRetryAfter)), Body: r.Next(4) == 0 ? (double?)null : RandomDouble(r)), (input, _) =>
        {
            using var response = new HttpResponseMessage();
            if (input.Ms is not null)
            {
                response.Headers.TryAddWithoutValidation("retry-after-ms", input.Ms);
            }

            if (input.Header is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", input.Header);
            }

            AssertWait(RetryAfterReader.Read(response.Headers, input.Body, Clock));
        }, input => $"retry-after-ms {Fuzz.Escape(input.Ms)}, Retry-After {Fuzz.Escape(input.Header)}, body {input.Body?.ToString("R", CultureInfo.InvariantCulture) ?? "null"}");

    [Fact]
    public void RetryAfterReader_FromSeconds_AnyDouble_NullOrPositiveBoundedWait() =>
        Fuzz.Run("headers/retry-after-seconds", 5_000, RandomDouble, (seconds, _) =>
        {
            var wait = RetryAfterReader.FromSeconds(seconds);
            AssertWait(wait);
            Assert.Equal(double.IsFinite(seconds) && seconds > 0, wait is not null);
        }, seconds => seconds.ToString("R", CultureInfo.InvariantCulture));

    [Fact]
    public void RetryAfterReader_GeneratedValidValues_ExactWait() =>
        Fuzz.Run("headers/retry-after-oracle", 4_000, r => (Seconds: r.Next(1, 1_000_000), Form: r.Next(3)), (input, _) =>
        {
            var expected = TimeSpan.FromSeconds(input.Seconds);
            var actual = input.Form switch
            {
                0 => RetryAfterReader.FromRetryAfter(input.Seconds.ToString(CultureInfo.InvariantCulture), Clock),
                1 => RetryAfterReader.FromMilliseconds((input.Seconds * 1000L).ToString(CultureInfo.InvariantCulture)),
                _ => RetryAfterReader.FromRetryAfter((Now + expected).ToString("r", CultureInfo.InvariantCulture), Clock),
            };
            Assert.Equal(expected, actual);
        });

    [Fact]
    public void DurationParser_RandomAndMutatedValues_NullOrNonNegative() =>
        Fuzz.Run("headers/duration", 10_000, r => HeaderValue(r, ValidDurations), (value, _) =>
        {
            var duration = DurationParser.Parse(value);
            Assert.True(duration is null || duration >= TimeSpan.Zero, $"duration {duration}");
        });

    [Fact]
    public void DurationParser_GeneratedGoDurations_ParsedToTheTick() =>
        Fuzz.Run("headers/duration-oracle", 5_000, GoDuration, (input, _) =>
        {
            var parsed = DurationParser.Parse(input.Text);
            Assert.NotNull(parsed);

            // Fractions of a unit go through double arithmetic: allow a tick or two of rounding.
            Assert.InRange(Math.Abs(parsed.Value.Ticks - input.Ticks), 0, 2);
        }, input => $"{Fuzz.Escape(input.Text)} (expected {input.Ticks} ticks)");

    [Fact]
    public void RateLimitInfo_RandomAndMutatedHeaders_NullOrNonNegative() =>
        Fuzz.Run("headers/rate-limit", 6_000, r => Enumerable.Range(0, 6).Select(i => Maybe(r, HeaderValue(r, i < 4 ? ValidCounts : ValidDurations))).ToArray(), (values, _) =>
        {
            string[] names = ["x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"];
            var info = RateLimitInfo.FromHeaders(name => values[Array.IndexOf(names, name)]);

            foreach (var count in new[] { info.LimitRequests, info.LimitTokens, info.RemainingRequests, info.RemainingTokens })
            {
                Assert.True(count is null or >= 0, $"count {count}");
            }

            Assert.True(info.ResetRequests is null || info.ResetRequests >= TimeSpan.Zero);
            Assert.True(info.ResetTokens is null || info.ResetTokens >= TimeSpan.Zero);
        }, values => string.Join(", ", values.Select(Fuzz.Escape)));

    private static void AssertWait(TimeSpan? wait) =>
        Assert.True(wait is null || (wait > TimeSpan.Zero && wait <= MaxRetryAfter), $"wait {wait}");

    private static T? Maybe<T>(Random random, T value) => random.Next(4) == 0 ? default : value;

    /// <summary>A header value: random text, a random number, or a mutated valid value.</summary>
    private static string HeaderValue(Random random, string[] valid) => random.Next(5) switch
    {
        0 => FuzzInputs.RandomText(random, 8),
        1 => FuzzInputs.JsonNumber(random),
        2 => RandomDouble(random).ToString(random.Next(2) == 0 ? "R" : "F2", CultureInfo.InvariantCulture),
        3 => valid[random.Next(valid.Length)],
        _ => Encoding.UTF8.GetString(FuzzInputs.Mutate(random, Encoding.UTF8.GetBytes(valid[random.Next(valid.Length)]))),
    };

    private static double RandomDouble(Random random) => random.Next(8) switch
    {
        0 => double.NaN,
        1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => double.MaxValue * (random.Next(2) == 0 ? 1 : -1),
        3 => double.Epsilon,
        4 => -0.0,
        5 => BitConverter.Int64BitsToDouble(random.NextInt64()),
        _ => (random.NextDouble() - 0.25) * Math.Pow(10, random.Next(-3, 20)),
    };

    /// <summary>A Go-style duration with its exact value in ticks.</summary>
    private static (string Text, long Ticks) GoDuration(Random random)
    {
        (string Unit, long TicksPerUnit)[] units = [("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond), ("us", 10)];
        var text = new StringBuilder();
        long ticks = 0;
        foreach (var (unit, perUnit) in units)
        {
            if (random.Next(2) == 0 && !(text.Length == 0 && unit == "us"))
            {
                continue;
            }

            var whole = random.Next(0, 1000);
            text.Append(whole.ToString(CultureInfo.InvariantCulture));
            ticks += whole * perUnit;
            if (unit == "s" && random.Next(2) == 0)
            {
                var millis = random.Next(0, 1000);
                text.Append('.').Append(millis.ToString("000", CultureInfo.InvariantCulture));
                ticks += millis * TimeSpan.TicksPerMillisecond;
            }

            text.Append(unit);
        }

        return (text.ToString(), ticks);
    }
}
