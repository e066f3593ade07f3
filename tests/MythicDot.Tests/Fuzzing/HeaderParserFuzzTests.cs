using System.Globalization;
using System.Text;
using CsCheck;
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

    /// <summary>Any double: NaN, infinities, extremes, tiny, negative zero, any bit pattern, or an ordinary value of any magnitude.</summary>
    private static readonly Gen<double> AnyDouble = Gen.Frequency(
        (2, Gen.Select(FuzzInputs.Fraction, Gen.Int[-3, 19], (unit, exponent) => (unit - 0.25) * Math.Pow(10, exponent))),
        (1, Gen.Const(double.NaN)),
        (1, Gen.OneOf(double.PositiveInfinity, double.NegativeInfinity)),
        (1, Gen.OneOf(double.MaxValue, -double.MaxValue)),
        (1, Gen.Const(double.Epsilon)),
        (1, Gen.Const(-0.0)),
        (1, Gen.Long.Uniform.Select(BitConverter.Int64BitsToDouble)));

    /// <summary>A Go-style duration with its exact value in ticks.</summary>
    private static readonly Gen<(string Text, long Ticks)> GoDuration =
        Gen.Select(Gen.Bool, Gen.Int[0, 999], Gen.Bool, Gen.Int[0, 999]).Array[5].Select(parts =>
        {
            (string Unit, long TicksPerUnit)[] units = [("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond), ("us", 10)];
            var text = new StringBuilder();
            long ticks = 0;
            for (var i = 0; i < units.Length; i++)
            {
                var (unit, perUnit) = units[i];
                var (included, whole, withMillis, millis) = parts[i];

                // Microseconds when no other unit came: a duration has at least one.
                if (!included && !(text.Length == 0 && unit == "us"))
                {
                    continue;
                }

                text.Append(whole.ToString(CultureInfo.InvariantCulture));
                ticks += whole * perUnit;
                if (unit == "s" && withMillis)
                {
                    text.Append('.').Append(millis.ToString("000", CultureInfo.InvariantCulture));
                    ticks += millis * TimeSpan.TicksPerMillisecond;
                }

                text.Append(unit);
            }

            return (text.ToString(), ticks);
        });

    [Fact]
    public void RetryAfterReader_RandomAndMutatedValues_NullOrPositiveBoundedWait() =>
        Fuzz.Run("headers/retry-after", 8_000, HeaderValue(ValidRetryAfter), value =>
        {
            AssertWait(RetryAfterReader.FromRetryAfter(value, Clock));
            AssertWait(RetryAfterReader.FromMilliseconds(value));
        });

    [Fact]
    public void RetryAfterReader_ResponseHeadersAndBodySeconds_NullOrPositiveBoundedWait() =>
        Fuzz.Run("headers/retry-after-response", 5_000, Gen.Select(Maybe(HeaderValue(ValidRetryAfter)), Maybe(HeaderValue(ValidRetryAfter)), AnyDouble.Nullable(1 / 4.0)), input =>
        {
            var (ms, header, body) = input;
            using var response = new HttpResponseMessage();
            if (ms is not null)
            {
                response.Headers.TryAddWithoutValidation("retry-after-ms", ms);
            }

            if (header is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", header);
            }

            AssertWait(RetryAfterReader.Read(response.Headers, body, Clock));
        }, input => $"retry-after-ms {Fuzz.Escape(input.Item1)}, Retry-After {Fuzz.Escape(input.Item2)}, body {input.Item3?.ToString("R", CultureInfo.InvariantCulture) ?? "null"}");

    [Fact]
    public void RetryAfterReader_FromSeconds_AnyDouble_NullOrPositiveBoundedWait() =>
        Fuzz.Run("headers/retry-after-seconds", 5_000, AnyDouble, seconds =>
        {
            var wait = RetryAfterReader.FromSeconds(seconds);
            AssertWait(wait);
            Assert.Equal(double.IsFinite(seconds) && seconds > 0, wait is not null);
        }, seconds => seconds.ToString("R", CultureInfo.InvariantCulture));

    [Fact]
    public void RetryAfterReader_GeneratedValidValues_ExactWait() =>
        Fuzz.Run("headers/retry-after-oracle", 4_000, Gen.Select(Gen.Int[1, 999_999], Gen.Int[0, 2]), input =>
        {
            var (seconds, form) = input;
            var expected = TimeSpan.FromSeconds(seconds);
            var actual = form switch
            {
                0 => RetryAfterReader.FromRetryAfter(seconds.ToString(CultureInfo.InvariantCulture), Clock),
                1 => RetryAfterReader.FromMilliseconds((seconds * 1000L).ToString(CultureInfo.InvariantCulture)),
                _ => RetryAfterReader.FromRetryAfter((Now + expected).ToString("r", CultureInfo.InvariantCulture), Clock),
            };
            Assert.Equal(expected, actual);
        });

    [Fact]
    public void DurationParser_RandomAndMutatedValues_NullOrNonNegative() =>
        Fuzz.Run("headers/duration", 10_000, HeaderValue(ValidDurations), value =>
        {
            var duration = DurationParser.Parse(value);
            Assert.True(duration is null || duration >= TimeSpan.Zero, $"duration {duration}");
        });

    [Fact]
    public void DurationParser_GeneratedGoDurations_ParsedToTheTick() =>
        Fuzz.Run("headers/duration-oracle", 5_000, GoDuration, input =>
        {
            var parsed = DurationParser.Parse(input.Text);
            Assert.NotNull(parsed);

            // Fractions of a unit go through double arithmetic: allow a tick or two of rounding.
            Assert.InRange(Math.Abs(parsed.Value.Ticks - input.Ticks), 0, 2);
        }, input => $"{Fuzz.Escape(input.Text)} (expected {input.Ticks} ticks)");

    [Fact]
    public void RateLimitInfo_RandomAndMutatedHeaders_NullOrNonNegative() =>
        Fuzz.Run("headers/rate-limit", 6_000, Gen.Select(Maybe(HeaderValue(ValidCounts)).Array[4], Maybe(HeaderValue(ValidDurations)).Array[2], (counts, resets) => counts.Concat(resets).ToArray()), values =>
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

    /// <summary>Absent one time in four.</summary>
    private static Gen<string?> Maybe(Gen<string> value) => value.Null(1 / 4.0);

    /// <summary>A header value: a valid one, random text, a random number, or a mutated valid value.</summary>
    private static Gen<string> HeaderValue(string[] valid) => Gen.OneOf(
        Gen.OneOf(valid),
        FuzzInputs.Text(8),
        FuzzInputs.JsonNumber,
        Gen.Select(AnyDouble, Gen.Bool, (d, fixed2) => d.ToString(fixed2 ? "F2" : "R", CultureInfo.InvariantCulture)),
        FuzzInputs.Mutated(Gen.OneOf(valid).Select(Encoding.UTF8.GetBytes)).Select(Encoding.UTF8.GetString));
}
