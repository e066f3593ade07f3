using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Files;

/// <summary><c>/files</c>: the multipart body on the wire, the typed file (unknown fields kept, purpose open), paging,
/// deletion, download, and the retry rule of an upload (a seekable source is resent whole, a forward-only one is not retried).</summary>
public sealed partial class FilesClientTests : IDisposable
{
    private const string FileJson = """
        {"id":"file-abc","object":"file","bytes":1234,"created_at":1700000000,"filename":"data.jsonl","purpose":"batch",
         "status":"processed","expires_at":null,"status_details":null,"extra_field":7}
        """;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task UploadAsync_SendsMultipartWithPurposeAndFile_ReadsTheFile()
    {
        _api.Enqueue(HttpStatusCode.OK, FileJson);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\n"));

        var file = await _api.RunAsync(_api.Client().Files.UploadAsync(content, "data.jsonl", FilePurpose.Batch));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "files", sent.Uri.AbsoluteUri);
        Assert.StartsWith("multipart/form-data; boundary=", sent.Header("Content-Type"), StringComparison.Ordinal);
        var body = sent.BodyText!;
        Assert.Contains("Content-Disposition: form-data; name=purpose\r\n\r\nbatch\r\n", body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/octet-stream\r\nContent-Disposition: form-data; name=file; filename=data.jsonl; filename*=utf-8''data.jsonl\r\n\r\n{\"a\":1}\n\r\n", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf("name=purpose", StringComparison.Ordinal) < body.IndexOf("name=file", StringComparison.Ordinal));
        Assert.Equal("file-abc", file.Id);
        Assert.Equal(1234L, file.Bytes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), file.CreatedAt);
        Assert.Equal(FilePurpose.Batch, file.Purpose);
        Assert.Null(file.ExpiresAt);
        Assert.Equal(7, file.AdditionalProperties!["extra_field"].GetInt32());
    }

    [Fact]
    public async Task GetAsync_UnknownPurposeAndExpiry_Kept()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"file-1","bytes":5,"created_at":1,"filename":"x","purpose":"future_use","expires_at":1700003600}""");

        var file = await _api.RunAsync(_api.Client().Files.GetAsync("file-1"));

        Assert.Equal(ApiHarness.BaseUrl + "files/file-1", Assert.Single(_api.Requests).Uri.AbsoluteUri);
        Assert.Equal(new FilePurpose("future_use"), file.Purpose);
        Assert.Equal("future_use", file.Purpose.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700003600), file.ExpiresAt);
    }

    [Fact]
    public async Task UploadAsync_SeekableSource_RetriedWithTheSameBody()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat("service_unavailable"));
        _api.Enqueue(HttpStatusCode.OK, FileJson);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("line one\nline two\n"));
        content.Position = 5; // the upload sends from here, on every attempt

        await _api.RunAsync(_api.Client().Files.UploadAsync(content, "data.jsonl", FilePurpose.Batch));

        Assert.Equal(2, _api.Requests.Count);
        var bodies = _api.Requests.Select(r => Boundary().Replace(r.BodyText!, "BOUNDARY")).ToList();
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Contains("\r\n\r\none\nline two\n\r\n", bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_ForwardOnlySource_FirstFailureThrownWithoutRetry()
    {
        _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat("service_unavailable"));
        _api.Enqueue(HttpStatusCode.OK, FileJson);
        using var content = new ForwardOnly(Encoding.UTF8.GetBytes("bytes"));

        await _api.FailsAsync<ServiceUnavailableError>(_api.Client().Files.UploadAsync(content, "data.jsonl", FilePurpose.Batch));

        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task UploadAsync_NoPurposeOrName_ThrowsBeforeSending()
    {
        using var content = new MemoryStream([1]);
        var files = _api.Client().Files;

        await Assert.ThrowsAsync<ArgumentException>(() => files.UploadAsync(content, "x", default(FilePurpose)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => files.UploadAsync(content, " ", FilePurpose.Batch));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task UploadFromPathAsync_SendsTheFileNamedByItsPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "mythicdot-test-" + Guid.NewGuid().ToString("N") + ".jsonl");
        await File.WriteAllTextAsync(path, "hello", TestContext.Current.CancellationToken);
        try
        {
            _api.Enqueue(HttpStatusCode.ServiceUnavailable, Bodies.Flat("service_unavailable"));
            _api.Enqueue(HttpStatusCode.OK, FileJson);

            await _api.RunAsync(_api.Client().Files.UploadFromPathAsync(path, FilePurpose.UserData));

            Assert.Equal(2, _api.Requests.Count);
            Assert.All(_api.Requests, r => Assert.Contains("filename=" + Path.GetFileName(path) + ";", r.BodyText!, StringComparison.Ordinal));
            Assert.All(_api.Requests, r => Assert.Contains("\r\n\r\nhello\r\n", r.BodyText!, StringComparison.Ordinal));
            Assert.Contains("user_data", _api.Requests[0].BodyText!, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task List_FollowsTheCursorWithPurposeAndLimit()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[{"id":"file-3","purpose":"batch"},{"id":"file-2","purpose":"batch"}],"first_id":"file-3","last_id":"file-2","has_more":true}""");
        _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[{"id":"file-1","purpose":"batch"}],"has_more":false}""");

        var ids = new List<string>();
        await foreach (var page in _api.Client().Files.List(FilePurpose.Batch).AsPagesAsync(pageSize: 2, cancellationToken: TestContext.Current.CancellationToken))
        {
            ids.AddRange(page.Data.Select(f => f.Id));
        }

        Assert.Equal(["file-3", "file-2", "file-1"], ids);
        Assert.Equal(ApiHarness.BaseUrl + "files?purpose=batch&limit=2", _api.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(ApiHarness.BaseUrl + "files?purpose=batch&after=file-2&limit=2", _api.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task DeleteAsync_ReadsTheConfirmation()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"file-1","object":"file","deleted":true}""");

        var deletion = await _api.RunAsync(_api.Client().Files.DeleteAsync("file-1"));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Delete, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "files/file-1", sent.Uri.AbsoluteUri);
        Assert.True(deletion.Deleted);
        Assert.Equal("file-1", deletion.Id);
    }

    [Fact]
    public async Task DownloadAsync_StreamsTheContent()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, [1, 2, 3, 4], "application/octet-stream");

        await using var content = await _api.RunAsync(_api.Client().Files.DownloadAsync("file-1"));
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, TestContext.Current.CancellationToken);

        Assert.Equal(ApiHarness.BaseUrl + "files/file-1/content", Assert.Single(_api.Requests).Uri.AbsoluteUri);
        Assert.Equal([1, 2, 3, 4], copy.ToArray());
    }

    [Fact]
    public async Task GetAsync_NotFound_Typed()
    {
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Flat("resource_not_found", "No such File object: file-x"));

        var error = await _api.FailsAsync<NotFoundError>(_api.Client().Files.GetAsync("file-x"));

        Assert.Contains("file-x", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("mythicdot-[0-9a-f]{32}")]
    private static partial Regex Boundary();

    private sealed class ForwardOnly(byte[] bytes) : ReadOnlyTestStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, bytes.Length - _position);
            bytes.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}
