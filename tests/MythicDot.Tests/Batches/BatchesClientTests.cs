using System.Net;
using System.Text;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Batches;

/// <summary><c>/batches</c>: the bytes sent, the typed batch (status open, unknown fields kept), paging, JSONL lines, and the
/// runner's validation before anything is sent.</summary>
public sealed class BatchesClientTests : IDisposable
{
    private const string BatchJson = """
        {"id":"batch_1","object":"batch","endpoint":"/v1/chat/completions","errors":null,"input_file_id":"file-1","completion_window":"24h",
         "status":"pondering","output_file_id":null,"error_file_id":null,"created_at":1700000000,"in_progress_at":1700000001,"expires_at":1700086400,
         "finalizing_at":null,"completed_at":null,"failed_at":null,"expired_at":null,"cancelling_at":null,"cancelled_at":null,
         "request_counts":{"total":10,"completed":4,"failed":1,"queued":5},"metadata":{"job":"nightly"},"priority":"low"}
        """;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_SendsTheRequest_ReadsTheBatch()
    {
        _api.Enqueue(HttpStatusCode.OK, BatchJson);

        var batch = await _api.RunAsync(_api.Client().Batches.CreateAsync(new BatchCreateRequest("file-1", BatchEndpoints.ChatCompletions) { Metadata = new Dictionary<string, string> { ["job"] = "nightly" } }));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "batches", sent.Uri.AbsoluteUri);
        Assert.Equal("""{"input_file_id":"file-1","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"job":"nightly"}}""", sent.BodyText);
        Assert.Equal(new BatchStatus("pondering"), batch.Status);
        Assert.False(batch.Status.IsTerminal);
        Assert.Equal(4, batch.RequestCounts!.Completed);
        Assert.Equal(5, batch.RequestCounts.AdditionalProperties!["queued"].GetInt32());
        Assert.Equal("low", batch.AdditionalProperties!["priority"].GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000001), batch.InProgressAt);
        Assert.Null(batch.CompletedAt);
        Assert.Equal("nightly", batch.Metadata!["job"]);
    }

    [Fact]
    public async Task GetListCancel_Paths()
    {
        _api.Enqueue(HttpStatusCode.OK, BatchJson);
        _api.Enqueue(HttpStatusCode.OK, BatchJson);
        _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[{"id":"batch_2"}],"last_id":"batch_2","has_more":true}""");
        _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[{"id":"batch_1","status":"completed"}],"has_more":false}""");
        var batches = _api.Client().Batches;

        await _api.RunAsync(batches.GetAsync("batch_1"));
        await _api.RunAsync(batches.CancelAsync("batch_1"));
        var ids = new List<string>();
        await foreach (var batch in batches.List().WithCancellation(TestContext.Current.CancellationToken))
        {
            ids.Add(batch.Id);
        }

        Assert.Equal(["batch_2", "batch_1"], ids);
        Assert.Equal(
            ["GET batches/batch_1", "POST batches/batch_1/cancel", "GET batches", "GET batches?after=batch_2"],
            _api.Requests.Select(r => r.Method + " " + r.Uri.PathAndQuery["/v1/".Length..]));
    }

    [Fact]
    public async Task CreateAsync_NoInputFile_ThrowsBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _api.Client().Batches.CreateAsync(new BatchCreateRequest()));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Jsonl_WritesOneObjectPerLine_ReadsCrlfAndTrailingNewline()
    {
        using var written = new MemoryStream();
        using var body = System.Text.Json.JsonDocument.Parse("""{"model":"m"}""");
        await BatchJsonl.WriteRequestsAsync(written, [new BatchRequestLine { CustomId = "a", Body = body.RootElement.Clone() }], TestContext.Current.CancellationToken);
        Assert.Equal("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\"}}\n", Encoding.UTF8.GetString(written.ToArray()));

        var file = "{\"id\":\"r1\",\"custom_id\":\"a\",\"response\":{\"status_code\":200,\"request_id\":\"q\",\"body\":{\"x\":1}},\"error\":null}\r\n"
            + "{\"id\":\"r2\",\"custom_id\":\"b\",\"response\":null,\"error\":{\"code\":\"batch_expired\",\"message\":\"late\"}}\r\n\r\n";
        var lines = new List<BatchResultLine>();
        await foreach (var line in BatchJsonl.ReadResultsAsync(new MemoryStream(Encoding.UTF8.GetBytes(file)), TestContext.Current.CancellationToken))
        {
            lines.Add(line);
        }

        Assert.Equal(["a", "b"], lines.Select(l => l.CustomId));
        Assert.Equal(200, lines[0].Response!.StatusCode);
        Assert.Equal(1, lines[0].Response!.Body.GetProperty("x").GetInt32());
        Assert.Equal("batch_expired", lines[1].Error!.Code);
    }

    [Fact]
    public async Task Runner_RepeatedIdOrInvalidRequest_ThrowsBeforeSending()
    {
        var runner = _api.Client().Batches.CreateRunner();
        var request = ApiHarness.ChatRequest();

        await Assert.ThrowsAsync<ArgumentException>(() => runner.RunAsync([new("a", request), new("a", request)]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => runner.RunAsync([new("a", new ChatCompletionRequest { Model = "m" })]));
        Assert.Empty(_api.Requests);
    }
}
