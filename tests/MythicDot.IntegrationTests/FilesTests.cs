using System.Security.Cryptography;
using System.Text;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests;

/// <summary>Files against the emulator: upload (streamed both ways, a large file never buffered), get, list, download, delete.</summary>
public sealed class FilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_ThenGetListDownloadDelete_RoundTrips()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var bytes = Encoding.UTF8.GetBytes("{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n");

        var first = await client.Files.UploadAsync(new MemoryStream(bytes), "input.jsonl", FilePurpose.Batch, Ct);
        var second = await client.Files.UploadAsync(new MemoryStream([1, 2, 3]), "image.png", FilePurpose.Vision, Ct);
        var third = await client.Files.UploadAsync(new MemoryStream([4]), "more.jsonl", FilePurpose.Batch, Ct);

        Assert.StartsWith("file-", first.Id, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, first.Bytes);
        Assert.Equal("input.jsonl", first.Filename);
        Assert.Equal(FilePurpose.Batch, first.Purpose);
        Assert.Equal(first.Id, (await client.Files.GetAsync(first.Id, Ct)).Id);

        var all = new List<string>();
        await foreach (var page in client.Files.List().AsPagesAsync(pageSize: 2, cancellationToken: Ct))
        {
            Assert.True(page.Data.Count <= 2);
            all.AddRange(page.Data.Select(f => f.Id));
        }

        Assert.Equal([third.Id, second.Id, first.Id], all);
        var batchFiles = new List<string>();
        await foreach (var file in client.Files.List(FilePurpose.Batch).WithCancellation(Ct))
        {
            batchFiles.Add(file.Id);
        }

        Assert.Equal([third.Id, first.Id], batchFiles);

        await using (var content = await client.Files.DownloadAsync(first.Id, Ct))
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
        }

        Assert.True((await client.Files.DeleteAsync(first.Id, Ct)).Deleted);
        await Assert.ThrowsAsync<NotFoundError>(() => client.Files.GetAsync(first.Id, Ct));
        await Assert.ThrowsAsync<NotFoundError>(() => client.Files.DownloadAsync(first.Id, Ct));
    }

    [Fact]
    public async Task Upload_UnknownPurpose_BadRequest()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.Files.UploadAsync(new MemoryStream([1]), "x.bin", new FilePurpose("nonsense"), Ct));

        Assert.Equal("purpose", error.Param);
    }

    /// <summary>A seekable stream of <c>length</c> bytes that repeats a small pattern, allocating nothing per read.</summary>
    internal sealed class RepeatingStream(long length) : Stream
    {
        private static readonly byte[] Pattern = Encoding.ASCII.GetBytes("MythicDot streams uploads, 0123456789abcdefghijklmnopqrstuvwxyz!\n");

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public byte[] Hash()
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return hash.GetHashAndReset();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - Position);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = Pattern[(int)((Position + i) % Pattern.Length)];
            }

            Position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The 200 MB upload runs alone: it measures the process's allocations, which tests running beside it would add to.</summary>
[Collection(nameof(Soak.SoakCollection))]
public sealed class LargeFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_200MegabytesGenerated_NotBufferedAndDownloadedIntact()
    {
        const long size = 200L * 1024 * 1024;
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        var source = new FilesTests.RepeatingStream(size);
        var expected = source.Hash();
        source.Position = 0;

        // Warm up the path first, so that the measured call's figure is the upload's, not a first call's JIT and caches.
        await client.Files.UploadAsync(new MemoryStream([1]), "warm.bin", FilePurpose.UserData, Ct);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var file = await client.Files.UploadAsync(source, "big.bin", FilePurpose.UserData, Ct);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        TestContext.Current.TestOutputHelper?.WriteLine($"Allocated during a 200 MB upload (client and emulator, one process): {allocated:N0} bytes");
        Assert.Equal(size, file.Bytes);
        Assert.True(allocated < 16L * 1024 * 1024, $"The upload allocated {allocated:N0} bytes; it must stream.");

        await using var content = await client.Files.DownloadAsync(file.Id, Ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.Stream.ReadAsync(buffer, Ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        Assert.Equal(size, total);
        Assert.Equal(expected, hash.GetHashAndReset());
    }
}
