using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>One line of a batch's input, as the emulator keeps it: what its result needs.</summary>
internal sealed record BatchLine(string CustomId, string Model, string UserText, int? FailStatus);

/// <summary>A batch the emulator runs. Its status is computed from the emulator's clock whenever it is read (see
/// <see cref="MythicDotEmulatorOptions.BatchDuration"/>); its output and error files are written once, when it ends.</summary>
internal sealed class EmulatorBatch(string id, string inputFileId, string endpoint, string window, string? metadataJson, DateTimeOffset createdAt, IReadOnlyList<BatchLine> lines, TimeSpan duration)
{
    public static readonly TimeSpan Validating = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Finalizing = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private readonly int[] _failedBefore = FailedPrefix(lines);

    public string Id { get; } = id;

    public string InputFileId { get; } = inputFileId;

    public string Endpoint { get; } = endpoint;

    public string Window { get; } = window;

    public string? MetadataJson { get; } = metadataJson;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public long Sequence { get; init; }

    public IReadOnlyList<BatchLine> Lines { get; } = lines;

    public DateTimeOffset? CancellingAt { get; private set; }

    public string? OutputFileId { get; private set; }

    public string? ErrorFileId { get; private set; }

    public bool Ended { get; private set; }

    public DateTimeOffset InProgressAt => CreatedAt + Validating;

    public DateTimeOffset FinalizingAt => InProgressAt + duration;

    public DateTimeOffset CompletedAt => FinalizingAt + Finalizing;

    public DateTimeOffset? CancelledAt => CancellingAt + Finalizing;

    /// <summary>Asks for a cancel; false when the batch has ended already.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Status(now) is "completed" or "cancelled" or "failed" or "expired")
            {
                return false;
            }

            CancellingAt ??= now;
            return true;
        }
    }

    public string Status(DateTimeOffset now) => CancellingAt is { } cancelling
        ? (now >= cancelling + Finalizing ? "cancelled" : "cancelling")
        : now < InProgressAt ? "validating" : now < FinalizingAt ? "in_progress" : now < CompletedAt ? "finalizing" : "completed";

    /// <summary>The number of lines done by <paramref name="at"/>, in proportion to the time elapsed in progress.</summary>
    public int DoneBy(DateTimeOffset at)
    {
        if (at <= InProgressAt)
        {
            return 0;
        }

        if (at >= FinalizingAt)
        {
            return Lines.Count;
        }

        return (int)Math.Min(Lines.Count, Math.Floor(Lines.Count * ((at - InProgressAt).Ticks / (double)duration.Ticks)));
    }

    public (int Done, int Failed) Counts(DateTimeOffset now)
    {
        var done = DoneBy(CancellingAt is { } cancelling && cancelling < now ? cancelling : now);
        return (done, _failedBefore[done]);
    }

    /// <summary>Writes the result files once the batch has ended; idempotent.</summary>
    public void EndIfDue(EmulatorState state, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Ended || Status(now) is not ("completed" or "cancelled"))
            {
                return;
            }

            var done = Counts(now).Done;
            var outputPath = state.Files.NewContentPath();
            var errorPath = state.Files.NewContentPath();
            long outputLength;
            long errorLength;
            using (var output = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write))
            using (var errors = new FileStream(errorPath, FileMode.CreateNew, FileAccess.Write))
            {
                for (var i = 0; i < Lines.Count; i++)
                {
                    var line = Lines[i];
                    var failed = i >= done || line.FailStatus is not null;
                    var target = failed ? errors : output;
                    using (var writer = new Utf8JsonWriter(target))
                    {
                        WriteResult(writer, state, line, i, i < done);
                    }

                    target.WriteByte((byte)'\n');
                }

                outputLength = output.Length;
                errorLength = errors.Length;
            }

            OutputFileId = FilesEndpoint.Store(state, outputPath, Id + "_output.jsonl", "batch_output", outputLength).Id;
            ErrorFileId = FilesEndpoint.Store(state, errorPath, Id + "_error.jsonl", "batch_output", errorLength).Id;
            Ended = true;
        }
    }

    private void WriteResult(Utf8JsonWriter writer, EmulatorState state, BatchLine line, int index, bool ran)
    {
        var requestId = string.Create(CultureInfo.InvariantCulture, $"req_{Id}_{index + 1:D6}");
        writer.WriteStartObject();
        writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"batch_req_{Id}_{index + 1:D6}"));
        writer.WriteString("custom_id", line.CustomId);
        if (!ran)
        {
            writer.WriteNull("response");
            writer.WriteStartObject("error");
            writer.WriteString("code", "batch_cancelled");
            writer.WriteString("message", "The batch was cancelled before this request ran.");
            writer.WriteEndObject();
        }
        else if (line.FailStatus is { } status)
        {
            writer.WriteStartObject("response");
            writer.WriteNumber("status_code", status);
            writer.WriteString("request_id", requestId);
            writer.WritePropertyName("body");
            var code = EmulatorError.DocumentedCode(status);
            var error = new EmulatorError(status, code, $"Failed on demand ([fail:{status}]) for '{line.CustomId}'.", null, null);
            EmulatorResponses.WriteError(writer, error, state.ErrorEnvelope, requestId);
            writer.WriteEndObject();
            writer.WriteNull("error");
        }
        else
        {
            writer.WriteStartObject("response");
            writer.WriteNumber("status_code", 200);
            writer.WriteString("request_id", requestId);
            writer.WriteStartObject("body");
            writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"chatcmpl-{Id}-{index + 1:D6}"));
            writer.WriteString("object", "chat.completion");
            writer.WriteNumber("created", FinalizingAt.ToUnixTimeSeconds());
            writer.WriteString("model", line.Model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", "Echo: " + line.UserText);
            writer.WriteEndObject();
            writer.WriteString("finish_reason", "stop");
            writer.WriteEndObject();
            writer.WriteEndArray();
            var prompt = Math.Max(1, line.UserText.Length / 4);
            var completion = prompt + 1;
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", prompt);
            writer.WriteNumber("completion_tokens", completion);
            writer.WriteNumber("total_tokens", prompt + completion);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteNull("error");
        }

        writer.WriteEndObject();
    }

    private static int[] FailedPrefix(IReadOnlyList<BatchLine> lines)
    {
        var prefix = new int[lines.Count + 1];
        for (var i = 0; i < lines.Count; i++)
        {
            prefix[i + 1] = prefix[i] + (lines[i].FailStatus is null ? 0 : 1);
        }

        return prefix;
    }
}

/// <summary><c>/batches</c> in OpenAI's shape: <c>POST /batches</c> (the input file checked at once: purpose <c>batch</c>, each line
/// a JSON object with a unique <c>custom_id</c>, <c>method</c> <c>POST</c>, the batch's <c>url</c> and an object <c>body</c>; a
/// broken file is a 400 naming the line), <c>GET /batches/{id}</c>, <c>GET /batches</c> (paged), <c>POST /batches/{id}/cancel</c>.
/// A batch moves through its statuses on the emulator's clock (<see cref="MythicDotEmulatorOptions.BatchDuration"/>). Each chat
/// line's answer is <c>Echo: </c> and its last user message; a line whose user message contains <c>[fail:NNN]</c> (429, 400, 500,
/// ...) gets that status and its documented error body in the error file instead, as OpenAI's error lines look.</summary>
internal static partial class BatchesEndpoint
{
    private static readonly string[] Endpoints = ["/v1/chat/completions", "/v1/embeddings"];

    public static async Task CreateAsync(EmulatorRequestContext context)
    {
        using var document = JsonRequest.Parse(context, out var invalidBody);
        if (document is null)
        {
            await context.WriteErrorAsync(invalidBody!).ConfigureAwait(false);
            return;
        }

        var root = document.RootElement;
        var endpoint = string.Empty;
        var window = string.Empty;
        var error = EmulatorError.RequiredString(root, "input_file_id", "file-abc123", out var inputFileId);
        error ??= EmulatorError.RequiredString(root, "endpoint", "/v1/chat/completions", out endpoint);
        error ??= EmulatorError.RequiredString(root, "completion_window", "24h", out window);
        if (error is null && !Endpoints.Contains(endpoint, StringComparer.Ordinal))
        {
            error = EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'endpoint' must be one of {string.Join(", ", Endpoints)}.", "endpoint");
        }

        if (error is null && window != "24h")
        {
            error = EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'completion_window' must be \"24h\".", "completion_window");
        }

        StoredFile? file = null;
        if (error is null && (!context.State.Files.TryGet(inputFileId, out file) || file.Purpose != "batch"))
        {
            error = file is null
                ? new EmulatorError(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No such File object: {inputFileId}", "input_file_id", null)
                : EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"File '{inputFileId}' has purpose '{file.Purpose}'; a batch's input must have purpose 'batch'.", "input_file_id");
        }

        List<BatchLine>? lines = null;
        if (error is null)
        {
            (lines, error) = await ReadLinesAsync(file!.ContentPath, endpoint, context.Http.RequestAborted).ConfigureAwait(false);
        }

        if (error is not null)
        {
            await context.WriteErrorAsync(error).ConfigureAwait(false);
            return;
        }

        var metadata = root.TryGetProperty("metadata", out var metadataElement) && metadataElement.ValueKind == JsonValueKind.Object ? metadataElement.GetRawText() : null;
        var number = context.State.NextBatchNumber();
        var id = string.Create(CultureInfo.InvariantCulture, $"batch_emulator{number:D6}");
        var duration = context.State.BatchDuration ?? TimeSpan.FromMilliseconds(Math.Max(1000, lines!.Count));
        var batch = new EmulatorBatch(id, inputFileId, endpoint, window, metadata, context.State.TimeProvider.GetUtcNow(), lines!, duration) { Sequence = number };
        context.State.Batches[id] = batch;
        await WriteAsync(context, batch).ConfigureAwait(false);
    }

    public static Task GetAsync(EmulatorRequestContext context)
    {
        var id = context.RouteValue("id") ?? string.Empty;
        return context.State.Batches.TryGetValue(id, out var batch) ? WriteAsync(context, batch) : NotFound(context, id);
    }

    public static Task ListAsync(EmulatorRequestContext context)
    {
        var now = context.State.TimeProvider.GetUtcNow();
        var batches = context.State.Batches.Values.OrderByDescending(b => b.Sequence).ToList();
        foreach (var batch in batches)
        {
            batch.EndIfDue(context.State, now);
        }

        return FilesEndpoint.WritePageAsync(context, batches, b => b.Id, (writer, b) => Write(writer, b, now));
    }

    public static Task CancelAsync(EmulatorRequestContext context)
    {
        var id = context.RouteValue("id") ?? string.Empty;
        if (!context.State.Batches.TryGetValue(id, out var batch))
        {
            return NotFound(context, id);
        }

        if (!batch.Cancel(context.State.TimeProvider.GetUtcNow()))
        {
            return context.WriteErrorAsync(StatusCodes.Status409Conflict, ErrorCodes.InvalidRequest, $"Batch '{id}' has ended; it cannot be cancelled.");
        }

        return WriteAsync(context, batch);
    }

    private static Task WriteAsync(EmulatorRequestContext context, EmulatorBatch batch)
    {
        var now = context.State.TimeProvider.GetUtcNow();
        batch.EndIfDue(context.State, now);
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer => Write(writer, batch, now));
    }

    private static void Write(Utf8JsonWriter writer, EmulatorBatch batch, DateTimeOffset now)
    {
        var status = batch.Ended ? (batch.CancellingAt is null ? "completed" : "cancelled") : batch.Status(now);
        if (!batch.Ended && status is "completed" or "cancelled")
        {
            status = batch.CancellingAt is null ? "finalizing" : "cancelling"; // the files are being written
        }

        var (done, failed) = batch.Counts(now);
        writer.WriteStartObject();
        writer.WriteString("id", batch.Id);
        writer.WriteString("object", "batch");
        writer.WriteString("endpoint", batch.Endpoint);
        writer.WriteNull("errors");
        writer.WriteString("input_file_id", batch.InputFileId);
        writer.WriteString("completion_window", batch.Window);
        writer.WriteString("status", status);
        WriteIdOrNull(writer, "output_file_id", batch.OutputFileId);
        WriteIdOrNull(writer, "error_file_id", batch.ErrorFileId);
        writer.WriteNumber("created_at", batch.CreatedAt.ToUnixTimeSeconds());
        WriteTime(writer, "in_progress_at", now >= batch.InProgressAt && (batch.CancellingAt is null || batch.CancellingAt >= batch.InProgressAt) ? batch.InProgressAt : null);
        writer.WriteNumber("expires_at", (batch.CreatedAt + TimeSpan.FromHours(24)).ToUnixTimeSeconds());
        WriteTime(writer, "finalizing_at", batch.CancellingAt is null && now >= batch.FinalizingAt ? batch.FinalizingAt : null);
        WriteTime(writer, "completed_at", batch.CancellingAt is null && status == "completed" ? batch.CompletedAt : null);
        writer.WriteNull("failed_at");
        writer.WriteNull("expired_at");
        WriteTime(writer, "cancelling_at", batch.CancellingAt);
        WriteTime(writer, "cancelled_at", status == "cancelled" ? batch.CancelledAt : null);
        writer.WriteStartObject("request_counts");
        writer.WriteNumber("total", batch.Lines.Count);
        writer.WriteNumber("completed", done - failed);
        writer.WriteNumber("failed", failed + (status == "cancelled" ? batch.Lines.Count - done : 0));
        writer.WriteEndObject();
        if (batch.MetadataJson is { } metadata)
        {
            writer.WritePropertyName("metadata");
            writer.WriteRawValue(metadata, skipInputValidation: true);
        }
        else
        {
            writer.WriteNull("metadata");
        }

        writer.WriteEndObject();
    }

    private static void WriteIdOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteNumber(name, time.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static async Task<(List<BatchLine>? Lines, EmulatorError? Error)> ReadLinesAsync(string path, string endpoint, CancellationToken cancellationToken)
    {
        var lines = new List<BatchLine>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (line, problem) = ParseLine(text, endpoint, ids);
            if (problem is not null)
            {
                return (null, EmulatorError.Invalid(ErrorCodes.InvalidRequest, string.Create(CultureInfo.InvariantCulture, $"Line {number} of the input file: {problem}"), "input_file_id"));
            }

            lines.Add(line!);
        }

        return lines.Count == 0
            ? (null, EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The input file has no requests.", "input_file_id"))
            : (lines, null);
    }

    private static (BatchLine? Line, string? Problem) ParseLine(string text, string endpoint, HashSet<string> ids)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return (null, "not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "not a JSON object.");
            }

            if (!root.TryGetProperty("custom_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
            {
                return (null, "'custom_id' must be a non-empty string.");
            }

            if (!ids.Add(id.GetString()!))
            {
                return (null, $"'custom_id' '{id.GetString()}' is used twice.");
            }

            if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "POST")
            {
                return (null, "'method' must be \"POST\".");
            }

            if (!root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String || url.GetString() != endpoint)
            {
                return (null, $"'url' must be the batch's endpoint, \"{endpoint}\".");
            }

            if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
            {
                return (null, "'body' must be a JSON object.");
            }

            var model = body.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String ? modelElement.GetString()! : "mythic-4";
            var userText = LastUserText(body);
            int? fail = FailTrigger().Match(userText) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            return (new BatchLine(id.GetString()!, model, userText, fail), null);
        }
    }

    private static string LastUserText(JsonElement body)
    {
        if (body.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.String)
        {
            return input.GetString()!; // an embeddings line
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var text = string.Empty;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.GetString() != "user"
                || !message.TryGetProperty("content", out var content))
            {
                continue;
            }

            text = content.ValueKind switch
            {
                JsonValueKind.String => content.GetString()!,
                JsonValueKind.Array => string.Concat(content.EnumerateArray()
                    .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    .Select(p => p.GetProperty("text").GetString())),
                _ => string.Empty,
            };
        }

        return text;
    }

    private static Task NotFound(EmulatorRequestContext context, string id) =>
        context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No such Batch object: {id}", "id");

    [GeneratedRegex(@"\[fail:([1-5][0-9]{2})\]", RegexOptions.CultureInvariant)]
    private static partial Regex FailTrigger();
}
