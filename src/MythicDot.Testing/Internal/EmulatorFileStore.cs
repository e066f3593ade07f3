using System.Collections.Concurrent;
using System.Globalization;

namespace MythicDot.Testing.Internal;

/// <summary>A file the emulator stores: its metadata, and its bytes on disk in the store's temp directory.</summary>
internal sealed record StoredFile(string Id, string FileName, string Purpose, long Bytes, DateTimeOffset CreatedAt, string ContentPath, long Sequence);

/// <summary>The files of <c>/files</c>: each file's bytes written to a temp directory as they arrive (never held in memory, so a
/// large upload costs a buffer), the metadata in memory. The directory is deleted when the emulator is disposed. Thread-safe.</summary>
internal sealed class EmulatorFileStore : IDisposable
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly Lazy<string> _directory = new(CreateDirectory, LazyThreadSafetyMode.ExecutionAndPublication);
    private long _count;

    public string NewId(out long sequence)
    {
        sequence = Interlocked.Increment(ref _count);
        return string.Create(CultureInfo.InvariantCulture, $"file-emulator{sequence:D6}");
    }

    /// <summary>Gets a fresh path in the store's directory for a file's bytes.</summary>
    public string NewContentPath() => Path.Combine(_directory.Value, Guid.NewGuid().ToString("N"));

    public void Add(StoredFile file) => _files[file.Id] = file;

    public bool TryGet(string id, out StoredFile file) => _files.TryGetValue(id, out file!);

    public bool TryRemove(string id)
    {
        if (!_files.TryRemove(id, out var file))
        {
            return false;
        }

        TryDelete(file.ContentPath);
        return true;
    }

    /// <summary>Gets the files, newest first (the API's order).</summary>
    public IReadOnlyList<StoredFile> Newest() => _files.Values.OrderByDescending(f => f.Sequence).ToList();

    public void Dispose()
    {
        if (_directory.IsValueCreated)
        {
            try
            {
                Directory.Delete(_directory.Value, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a download being torn down; the OS's temp cleanup takes it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string CreateDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "mythicdot-emulator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
