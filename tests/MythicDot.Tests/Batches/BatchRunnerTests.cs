using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Batches;

/// <summary>The runner on a fake transport and a fake clock: the calls in order, the poll interval waited on the client's
/// clock, progress after each poll, and each line typed (a completion, a mapped error, a line error, a missing id).</summary>
public sealed class BatchRunnerTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task RunAsync_PollsOnTheClockAndTypesEveryLine()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"file-in","purpose":"batch"}""");
        _api.Enqueue(HttpStatusCode.OK, Batch("validating", 0, 0));
        _api.Enqueue(HttpStatusCode.OK, Batch("in_progress", 1, 0));
        _api.Enqueue(HttpStatusCode.OK, Batch("expired", 1, 2, ""","output_file_id":"file-out","error_file_id":"file-err" """));
        _api.EnqueueBytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes(
            """{"id":"l1","custom_id":"a","response":{"status_code":200,"request_id":"r1","body":{"id":"c1","object":"chat.completion","model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}},"error":null}""" + "\n"),
            "application/octet-stream");
        _api.EnqueueBytes(HttpStatusCode.OK, Encoding.UTF8.GetBytes(
            """{"id":"l2","custom_id":"b","response":{"status_code":429,"request_id":"r2","body":{"error":{"message":"Slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}},"error":null}""" + "\r\n"
            + """{"id":"l3","custom_id":"c","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}""" + "\r\n"),
            "application/octet-stream");
        var reports = new List<BatchProgress>();
        var runner = _api.Client().Batches.CreateRunner(new BatchRunnerOptions { PollInterval = TimeSpan.FromSeconds(30) });
        var items = new[] { "a", "b", "c", "d" }.Select(id => new BatchChatItem(id, ApiHarness.ChatRequest()));

        var result = await _api.RunAsync(runner.RunAsync(items, new Sync(reports)));

        Assert.Equal(
            ["POST files", "POST batches", "GET batches/batch_1", "GET batches/batch_1", "GET files/file-out/content", "GET files/file-err/content"],
            _api.Requests.Select(r => r.Method + " " + r.Uri.PathAndQuery["/v1/".Length..]));
        var input = _api.Requests[0].BodyText!;
        Assert.Contains("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":", input, StringComparison.Ordinal);
        Assert.Equal("""{"input_file_id":"file-in","endpoint":"/v1/chat/completions","completion_window":"24h"}""", _api.Requests[1].BodyText);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], _api.Clock.Sleeps);
        Assert.Equal([BatchStatus.InProgress, BatchStatus.Expired], reports.Select(r => r.Status));
        Assert.Equal(TimeSpan.FromSeconds(60), reports[1].Elapsed);
        Assert.Equal("Hi", result.Results["a"].Completion!.Choices[0].Message.Content);
        var limited = Assert.IsType<RateLimitError>(result.Results["b"].Error);
        Assert.Equal("Slow down", limited.Message);
        Assert.Equal("batch_expired", result.Results["c"].Error!.Code);
        Assert.Contains("completion window expired", result.Results["c"].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no result for 'd'", result.Results["d"].Error!.Message, StringComparison.Ordinal);
        Assert.False(result.Results["d"].Succeeded);
    }

    private static string Batch(string status, int completed, int failed, string extra = "") =>
        $$"""{"id":"batch_1","object":"batch","status":"{{status}}","created_at":1,"request_counts":{"total":4,"completed":{{completed}},"failed":{{failed}}}{{extra}}}""";

    private sealed class Sync(List<BatchProgress> reports) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => reports.Add(value);
    }
}
