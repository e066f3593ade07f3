using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Files;

/// <summary>Uploads, lists, retrieves, downloads and deletes files (<c>/files</c>). Thread-safe.</summary>
/// <remarks>An upload is streamed from its source as <c>multipart/form-data</c>, never buffered whole, so a file of any size costs
/// a few buffers of memory. A transient failure is retried only when the source can seek back to where it started (a
/// <see cref="FileStream"/>, a <see cref="MemoryStream"/>, <see cref="UploadFromPathAsync(string, FilePurpose, RequestOptions?, CancellationToken)"/>);
/// from a source that cannot (a network stream, a pipe) the first failure is thrown.</remarks>
public class FilesClient
{
    private const string OctetStream = "application/octet-stream";
    private readonly ApiTransport _transport = null!;

    /// <summary>Initializes a new instance of the <see cref="FilesClient"/> class for mocking.</summary>
    protected FilesClient()
    {
    }

    internal FilesClient(ApiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Uploads a file from a stream.</summary>
    /// <param name="file">The file's bytes, from the stream's current position to its end. Not disposed.</param>
    /// <param name="fileName">The file name the API stores, for example <c>requests.jsonl</c>.</param>
    /// <param name="purpose">What the file is for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored file.</returns>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty, <paramref name="purpose"/> unset, or <paramref name="file"/> not readable; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Retried first only when <paramref name="file"/> can seek.</exception>
    /// <remarks>Calls <see cref="UploadAsync(Stream, string, FilePurpose, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<FileObject> UploadAsync(Stream file, string fileName, FilePurpose purpose, CancellationToken cancellationToken) =>
        UploadAsync(file, fileName, purpose, null, cancellationToken);

    /// <summary>Uploads a file from a stream, with per-call options.</summary>
    /// <param name="file">The file's bytes, from the stream's current position to its end. Not disposed.</param>
    /// <param name="fileName">The file name the API stores, for example <c>requests.jsonl</c>.</param>
    /// <param name="purpose">What the file is for.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored file.</returns>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty, <paramref name="purpose"/> unset, or <paramref name="file"/> not readable; nothing was sent.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Retried first only when <paramref name="file"/> can seek.</exception>
    /// <remarks>The bytes are streamed, not buffered. A retry sends the file again from where the stream was when the call began,
    /// which needs <see cref="Stream.CanSeek"/>; a stream that cannot seek is sent once, and its first failure is thrown.</remarks>
    public virtual Task<FileObject> UploadAsync(Stream file, string fileName, FilePurpose purpose, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (string.IsNullOrEmpty(purpose.Value))
        {
            throw new ArgumentException("A purpose is required.", nameof(purpose));
        }

        if (!file.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(file));
        }

        var request = new ApiRequest(new ApiOperation("upload_file"), HttpMethod.Post, "files")
        {
            Upload = new UploadContent(file, fileName, OctetStream, [new("purpose", purpose.Value)]),
        };
        return _transport.SendAsync(request, new ResponseReader<FileObject>(static () => FilesJsonContext.Default.FileObject), options, cancellationToken);
    }

    /// <summary>Uploads a file from disk.</summary>
    /// <param name="path">The file's path; its name is sent as the file name.</param>
    /// <param name="purpose">What the file is for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or <paramref name="purpose"/> unset; nothing was sent.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first.</exception>
    /// <remarks>Calls <see cref="UploadFromPathAsync(string, FilePurpose, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<FileObject> UploadFromPathAsync(string path, FilePurpose purpose, CancellationToken cancellationToken) =>
        UploadFromPathAsync(path, purpose, null, cancellationToken);

    /// <summary>Uploads a file from disk, with per-call options.</summary>
    /// <param name="path">The file's path; its name is sent as the file name.</param>
    /// <param name="purpose">What the file is for.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or <paramref name="purpose"/> unset; nothing was sent.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="ApiError">The call failed; the subtype says how. Transient failures are retried first (a file can seek).</exception>
    /// <remarks>The file is opened for the call and closed after it; its bytes are streamed, not buffered.</remarks>
    public virtual async Task<FileObject> UploadFromPathAsync(string path, FilePurpose purpose, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return await UploadAsync(stream, Path.GetFileName(path), purpose, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retrieves a file's metadata.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such file.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="GetAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<FileObject> GetAsync(string id, CancellationToken cancellationToken) => GetAsync(id, null, cancellationToken);

    /// <summary>Retrieves a file's metadata, with per-call options.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such file.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<FileObject> GetAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(id);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("retrieve_file"), HttpMethod.Get, path), new ResponseReader<FileObject>(static () => FilesJsonContext.Default.FileObject), options, cancellationToken);
    }

    /// <summary>Lists the stored files, newest first, page by page as the enumeration goes (<c>after</c>, <c>limit</c>).</summary>
    /// <param name="purpose">Only the files of this purpose; <see langword="null"/> for all.</param>
    /// <param name="options">Per-call headers, retries and timeout, for every page.</param>
    /// <returns>The files; nothing is sent until it is enumerated. Cancel with the enumeration's token.</returns>
    /// <exception cref="ApiError">A page's call failed (thrown by the enumeration).</exception>
    public virtual AsyncPageable<FileObject> List(FilePurpose? purpose = null, RequestOptions? options = null)
    {
        var query = purpose is { } p && p.Value.Length > 0 ? "purpose=" + Uri.EscapeDataString(p.Value) : string.Empty;
        return new CursorPageable<FileObject>(
            (pathWithQuery, ct) => _transport.SendAsync(new ApiRequest(new ApiOperation("list_files"), HttpMethod.Get, pathWithQuery), new ResponseReader<Page<FileObject>>(static () => FilesJsonContext.Default.PageFileObject), options, ct),
            "files",
            query,
            static f => f.Id,
            null);
    }

    /// <summary>Deletes a file.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's confirmation.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such file.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="DeleteAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<FileDeletion> DeleteAsync(string id, CancellationToken cancellationToken) => DeleteAsync(id, null, cancellationToken);

    /// <summary>Deletes a file, with per-call options.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's confirmation.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such file.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<FileDeletion> DeleteAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(id);
        return _transport.SendAsync(new ApiRequest(new ApiOperation("delete_file"), HttpMethod.Delete, path), new ResponseReader<FileDeletion>(static () => FilesJsonContext.Default.FileDeletion), options, cancellationToken);
    }

    /// <summary>Downloads a file's content (<c>GET /files/{id}/content</c>).</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="cancellationToken">Cancels the call (until the headers arrive; then cancel the reads).</param>
    /// <returns>The content as a stream; dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such file.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    /// <remarks>Calls <see cref="DownloadAsync(string, RequestOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<StreamedContent> DownloadAsync(string id, CancellationToken cancellationToken) => DownloadAsync(id, null, cancellationToken);

    /// <summary>Downloads a file's content (<c>GET /files/{id}/content</c>), with per-call options.</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="options">Per-call headers, retries and timeout.</param>
    /// <param name="cancellationToken">Cancels the call (until the headers arrive; then cancel the reads).</param>
    /// <returns>The content as a stream read as it arrives, not buffered; dispose it. A connection dropped mid-read throws
    /// <see cref="ApiConnectionError"/> from the read.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundError">No such file.</exception>
    /// <exception cref="ApiError">The call failed another way.</exception>
    public virtual Task<StreamedContent> DownloadAsync(string id, RequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(id) + "/content";
        return _transport.DownloadAsync(new ApiRequest(new ApiOperation("download_file"), HttpMethod.Get, path), options, cancellationToken);
    }

    private string PathOf(string id)
    {
        var path = "files/" + RequestPath.Segment(id, nameof(id));
        _transport.UriFor(path, nameof(id));
        return path;
    }
}
