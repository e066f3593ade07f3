using System.Net;
using System.Text;
using System.Text.Json;
using MythicDot.Errors;
using MythicDot.Serialization;

namespace MythicDot.Batches;

/// <summary>Runs chat requests as one batch: validates them, writes and uploads the JSONL, creates the batch, polls it
/// (reporting progress), and downloads the output and error files into one typed result per id. Thread-safe; one runner can run
/// several batches.</summary>
/// <remarks>
/// <para>Each request is checked with the SDK's own validation before anything is sent, and the ids must be unique. The input file
/// is built in memory (a seekable stream, so its upload is retried on a transient failure).</para>
/// <para>A result is the <see cref="ChatCompletion"/> of its line, or the typed <see cref="ApiError"/> its line's status and error
/// body map to, the same mapping as a synchronous call's (a <c>429</c> line is a <see cref="RateLimitError"/>). A line with no
/// response (<c>batch_expired</c>, <c>batch_cancelled</c>) maps by its code. A batch that ends failed, expired or cancelled still
/// returns: results for what completed and errors for the rest; an id in neither file gets an <see cref="ApiError"/> saying so.</para>
/// <para>Cancelling the token stops the wait with <see cref="OperationCanceledException"/> and leaves the batch running (resume it
/// with <see cref="ResumeAsync"/>), unless <see cref="BatchRunnerOptions.CancelBatchOnCancellation"/> is set.</para>
/// </remarks>
public sealed class BatchRunner
{
    private readonly MythicDotClient _client;
    private readonly BatchRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly string? _apiKey;

    /// <summary>Initializes a new instance of the <see cref="BatchRunner"/> class.</summary>
    /// <param name="client">The client whose <see cref="MythicDotClient.Files"/> and <see cref="MythicDotClient.Batches"/> it calls.</param>
    /// <param name="options">The poll interval and what cancellation does; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchRunnerOptions.PollInterval"/> is not positive.</exception>
    public BatchRunner(MythicDotClient client, BatchRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new BatchRunnerOptions();
        if (_options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PollInterval, "BatchRunnerOptions.PollInterval must be positive.");
        }

        _time = client.State?.Options.TimeProvider ?? TimeProvider.System;
        _apiKey = client.State?.Options.ApiKey;
    }

    /// <summary>Runs chat requests as one batch and waits for its results.</summary>
    /// <param name="items">The requests, each with a unique id.</param>
    /// <param name="progress">Told where the batch is after each poll; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops waiting (see <see cref="BatchRunnerOptions.CancelBatchOnCancellation"/>).</param>
    /// <returns>One result per id.</returns>
    /// <exception cref="ArgumentException">No items, an empty or repeated id, or a request the SDK's validation rejects; nothing was sent.</exception>
    /// <exception cref="ApiError">An upload, create, poll or download call failed.</exception>
    public async Task<BatchRunResult> RunAsync(IEnumerable<BatchChatItem> items, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        var input = WriteInput(list);
        var file = await _client.Files.UploadAsync(input, _options.InputFileName, FilePurpose.Batch, null, cancellationToken).ConfigureAwait(false);
        var batch = await _client.Batches.CreateAsync(new BatchCreateRequest(file.Id, BatchEndpoints.ChatCompletions), null, cancellationToken).ConfigureAwait(false);
        return await WaitAndCollectAsync(batch, list.Select(i => i.Id).ToList(), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues waiting for a batch created earlier (by this runner before a restart, or any other way), then collects its results.</summary>
    /// <param name="batchId">The batch's id.</param>
    /// <param name="expectedIds">The ids it should have results for (each missing one gets an error); <see langword="null"/> for the ids the files hold.</param>
    /// <param name="progress">Told where the batch is after each poll; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops waiting (see <see cref="BatchRunnerOptions.CancelBatchOnCancellation"/>).</param>
    /// <returns>One result per id.</returns>
    /// <exception cref="ApiError">A poll or download call failed (<see cref="NotFoundError"/>: no such batch).</exception>
    public async Task<BatchRunResult> ResumeAsync(string batchId, IEnumerable<string>? expectedIds = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        var batch = await _client.Batches.GetAsync(batchId, null, cancellationToken).ConfigureAwait(false);
        return await WaitAndCollectAsync(batch, expectedIds?.ToList(), progress, cancellationToken).ConfigureAwait(false);
    }

    private static MemoryStream WriteInput(List<BatchChatItem> items)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one request.", nameof(items));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            foreach (var item in items)
            {
                if (item is null || string.IsNullOrEmpty(item.Id) || item.Request is null)
                {
                    throw new ArgumentException("Every batch item needs an id and a request.", nameof(items));
                }

                if (!ids.Add(item.Id))
                {
                    throw new ArgumentException($"The id '{item.Id}' is used twice; a batch's ids must be unique.", nameof(items));
                }

                ChatCompletionRequest.Validate(item.Request, streaming: false);
                var body = ChatCompletionRequestWriter.ToUtf8Bytes(item.Request, streaming: false);
                writer.WriteStartObject();
                writer.WriteString("custom_id", item.Id);
                writer.WriteString("method", "POST");
                writer.WriteString("url", BatchEndpoints.ChatCompletions);
                writer.WritePropertyName("body");
                writer.WriteRawValue(body, skipInputValidation: true);
                writer.WriteEndObject();
                writer.Flush();
                writer.Reset();
                stream.WriteByte((byte)'\n');
            }
        }

        stream.Position = 0;
        return stream;
    }

    private async Task<BatchRunResult> WaitAndCollectAsync(Batch batch, List<string>? expectedIds, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        try
        {
            while (!batch.Status.IsTerminal)
            {
#if NET
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
#else
                await _time.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
#endif
                batch = await _client.Batches.GetAsync(batch.Id, null, cancellationToken).ConfigureAwait(false);
                progress?.Report(new BatchProgress(batch, _time.GetElapsedTime(start)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && _options.CancelBatchOnCancellation)
        {
            await _client.Batches.CancelAsync(batch.Id, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var results = new Dictionary<string, BatchItemResult>(StringComparer.Ordinal);
        foreach (var fileId in new[] { batch.OutputFileId, batch.ErrorFileId })
        {
            if (string.IsNullOrEmpty(fileId))
            {
                continue;
            }

            var content = await _client.Files.DownloadAsync(fileId!, null, cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                await foreach (var line in BatchJsonl.ReadResultsAsync(content.Stream, cancellationToken).ConfigureAwait(false))
                {
                    if (!string.IsNullOrEmpty(line.CustomId))
                    {
                        results[line.CustomId!] = ToResult(line);
                    }
                }
            }
        }

        foreach (var id in expectedIds ?? [])
        {
            if (!results.ContainsKey(id))
            {
                results[id] = new BatchItemResult(id, null, new ApiError(
                    $"Batch '{batch.Id}' ended {batch.Status} with no result for '{id}' in its output or error file."));
            }
        }

        return new BatchRunResult(batch, results);
    }

    private BatchItemResult ToResult(BatchResultLine line)
    {
        var id = line.CustomId!;
        var context = new ErrorContext(_time, _apiKey);
        if (line.Response is { } response)
        {
            if (response.StatusCode is >= 200 and <= 299 && response.Body.ValueKind == JsonValueKind.Object)
            {
                var completion = response.Body.Deserialize(ChatJsonContext.Default.ChatCompletion);
                if (completion is not null)
                {
                    return new BatchItemResult(id, completion, null);
                }
            }

            var body = response.Body.ValueKind == JsonValueKind.Undefined ? [] : Encoding.UTF8.GetBytes(response.Body.GetRawText());
            return new BatchItemResult(id, null, ErrorMapper.FromResponse(new ErrorResponse((HttpStatusCode)response.StatusCode, null, null), body, null, context));
        }

        // No response: the line's own error (batch_expired, batch_cancelled, ...), mapped by its code as an error body would be.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", line.Error?.Code);
            writer.WriteString("message", line.Error?.Message ?? "The request has no response in the batch.");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new BatchItemResult(id, null, ErrorMapper.FromResponse(new ErrorResponse(0, null, null), buffer.ToArray(), null, context));
    }
}
