using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace MythicDot.Benchmarks;

/// <summary>The one job every run uses: enough iterations for a noisy shared 2-core machine, short enough to finish in minutes.</summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithId("Bench")
                .WithLaunchCount(1)
                .WithWarmupCount(10)
                .WithIterationCount(40)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)))
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary);
}
