using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>Batches against the emulator on a fake clock: the runner end to end (10,000 requests, typed results and errors,
/// progress), resume by id, and cancellation with and without cancelling the batch.</summary>
public sealed class BatchesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runner_TenThousandRequestsWithFailures_TypedResultsAndProgress()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var client = emulator.CreateClient(clock);
        var items = Enumerable.Range(0, 10_000).Select(i => new BatchChatItem("req-" + i, Chat(
            i % 500 == 7 ? $"limit me {i} [fail:429]" : i % 777 == 3 ? $"reject me {i} [fail:400]" : $"question {i}"))).ToList();
        var progress = new Collect();
        var runner = client.Batches.CreateRunner(new BatchRunnerOptions { PollInterval = TimeSpan.FromSeconds(2) });

        var watch = Stopwatch.StartNew();
        var result = await clock.RunUntilCompletedAsync(runner.RunAsync(items, progress, Ct), TimeSpan.FromSeconds(120));
        watch.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"10,000-request batch: {watch.Elapsed.TotalSeconds:0.00} s wall time, {progress.Reports.Count} progress reports");
        Assert.Equal(BatchStatus.Completed, result.Batch.Status);
        Assert.Equal(10_000, result.Results.Count);
        Assert.True(progress.Reports.Count > 2, "progress reported " + progress.Reports.Count + " times");
        Assert.Contains(progress.Reports, p => p.Status == BatchStatus.InProgress && p.Completed > 0 && p.Completed < 9_000);
        var last = progress.Reports.Last();
        Assert.Equal(BatchStatus.Completed, last.Status);
        Assert.Equal(10_000, last.Total);
        Assert.Equal(20 + 13, last.Failed);
        Assert.Equal("Echo: question 1", result.Results["req-1"].Completion!.Choices[0].Message.Content);
        var limited = Assert.IsType<RateLimitError>(result.Results["req-7"].Error);
        Assert.Contains("[fail:429]", limited.Message, StringComparison.Ordinal);
        var rejected = Assert.IsType<BadRequestError>(result.Results["req-3"].Error);
        Assert.Contains("req-3", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(10_000 - 33, result.Results.Values.Count(r => r.Succeeded));
    }

    [Fact]
    public async Task Runner_ResumeById_CollectsTheResults()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, BatchDuration = TimeSpan.FromSeconds(5) }, Ct);
        var client = emulator.CreateClient(clock);
        var input = Encoding.UTF8.GetBytes("""
            {"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"mythic-4","messages":[{"role":"user","content":"hi"}]}}
            {"custom_id":"b","method":"POST","url":"/v1/chat/completions","body":{"model":"mythic-4","messages":[{"role":"user","content":"there"}]}}

            """.Replace("\n", "\r\n", StringComparison.Ordinal));
        var file = await client.Files.UploadAsync(new MemoryStream(input), "in.jsonl", FilePurpose.Batch, Ct);
        var batch = await client.Batches.CreateAsync(new BatchCreateRequest(file.Id, BatchEndpoints.ChatCompletions) { Metadata = new Dictionary<string, string> { ["job"] = "nightly" } }, Ct);
        Assert.StartsWith("batch_", batch.Id, StringComparison.Ordinal);
        Assert.Equal(BatchStatus.Validating, batch.Status);
        Assert.Equal("nightly", batch.Metadata!["job"]);

        var runner = new BatchRunner(client, new BatchRunnerOptions { PollInterval = TimeSpan.FromSeconds(1) });
        var result = await clock.RunUntilCompletedAsync(runner.ResumeAsync(batch.Id, ["a", "b", "c"], null, Ct));

        Assert.Equal("Echo: hi", result.Results["a"].Completion!.Choices[0].Message.Content);
        Assert.Equal("Echo: there", result.Results["b"].Completion!.Choices[0].Message.Content);
        Assert.Contains("no result for 'c'", result.Results["c"].Error!.Message, StringComparison.Ordinal);
        var listed = new List<string>();
        await foreach (var b in client.Batches.List().WithCancellation(Ct))
        {
            listed.Add(b.Id);
        }

        Assert.Equal([batch.Id], listed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Runner_Cancelled_StopsWaitingAndCancelsTheBatchOnlyWhenAsked(bool cancelBatch)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, BatchDuration = TimeSpan.FromSeconds(100) }, Ct);
        var client = emulator.CreateClient(clock);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new Collect(p => cts.Cancel());
        var runner = client.Batches.CreateRunner(new BatchRunnerOptions { PollInterval = TimeSpan.FromSeconds(2), CancelBatchOnCancellation = cancelBatch });
        var items = Enumerable.Range(0, 10).Select(i => new BatchChatItem("r" + i, Chat("q" + i)));

        var run = runner.RunAsync(items, progress, cts.Token);
        await clock.RunUntilCompletedAsync((Task)run);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var batchId = Assert.Single(progress.Reports).BatchId;
        var batch = await client.Batches.GetAsync(batchId, Ct);
        Assert.Equal(cancelBatch, emulator.Requests.Any(r => r.Path.EndsWith("/cancel", StringComparison.Ordinal)));
        if (cancelBatch)
        {
            Assert.Equal(BatchStatus.Cancelling, batch.Status);
            clock.Advance(TimeSpan.FromSeconds(2));
            var ended = await new BatchRunner(client).ResumeAsync(batchId, null, null, Ct);
            Assert.Equal(BatchStatus.Cancelled, ended.Batch.Status);
            Assert.Equal(10, ended.Results.Count);
            Assert.All(ended.Results.Values, r => Assert.Equal("batch_cancelled", r.Error!.Code));
        }
        else
        {
            Assert.Equal(BatchStatus.InProgress, batch.Status);
        }
    }

    [Fact]
    public async Task Create_InvalidInputLine_BadRequestNamingTheLine()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var input = Encoding.UTF8.GetBytes("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n");
        var file = await client.Files.UploadAsync(new MemoryStream(input), "in.jsonl", FilePurpose.Batch, Ct);

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.Batches.CreateAsync(new BatchCreateRequest(file.Id, BatchEndpoints.ChatCompletions), Ct));

        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    private static ChatCompletionRequest Chat(string text) => new() { Model = "mythic-4", Messages = [ChatMessage.User(text)] };

    private sealed class Collect(Action<BatchProgress>? onReport = null) : IProgress<BatchProgress>
    {
        public ConcurrentQueue<BatchProgress> Reports { get; } = new();

        public void Report(BatchProgress value)
        {
            Reports.Enqueue(value);
            onReport?.Invoke(value);
        }
    }
}
