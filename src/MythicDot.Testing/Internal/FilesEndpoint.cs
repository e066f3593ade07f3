using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MythicDot.Testing.Internal;

/// <summary><c>/files</c> in OpenAI's shape: <c>POST /files</c> (multipart/form-data, parsed as it streams in: the file part
/// written to the store's temp directory, never buffered, so any size costs a buffer), <c>GET /files</c> (newest first, paged
/// with <c>after</c>, <c>limit</c> and <c>has_more</c>, filtered by <c>purpose</c>), <c>GET /files/{id}</c>,
/// <c>DELETE /files/{id}</c> and <c>GET /files/{id}/content</c> (the bytes uploaded).</summary>
internal static class FilesEndpoint
{
    /// <summary>The purposes the API accepts at upload (<c>batch_output</c> is the API's own).</summary>
    public static readonly string[] Purposes = ["batch", "assistants", "fine-tune", "vision", "user_data", "evals"];

    private const int DefaultLimit = 20;
    private const int MaxLimit = 10_000;

    public static async Task UploadAsync(EmulatorRequestContext context)
    {
        var http = context.Http;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null; // a file of any size; it streams to disk
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            await context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The body must be multipart/form-data with a 'file' part and a 'purpose' field.", null)).ConfigureAwait(false);
            return;
        }

        string? purpose = null;
        string? fileName = null;
        string? contentPath = null;
        long length = 0;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(http.RequestAborted).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (string.Equals(name, "file", StringComparison.Ordinal) && disposition.IsFileDisposition() && contentPath is null)
                {
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value is { Length: > 0 } plain ? plain : disposition.FileNameStar.Value;
                    contentPath = context.State.Files.NewContentPath();
                    var file = new FileStream(contentPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await using (file.ConfigureAwait(false))
                    {
                        await section.Body.CopyToAsync(file, http.RequestAborted).ConfigureAwait(false);
                        length = file.Length;
                    }
                }
                else if (string.Equals(name, "purpose", StringComparison.Ordinal))
                {
                    using var text = new StreamReader(section.Body);
                    purpose = await text.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException)
        {
            Delete(contentPath);
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The multipart body could not be read: " + exception.Message, null)).ConfigureAwait(false);
            }

            return;
        }

        var error = contentPath is null ? EmulatorError.Missing("file")
            : string.IsNullOrEmpty(purpose) ? EmulatorError.Missing("purpose")
            : !Purposes.Contains(purpose, StringComparer.Ordinal)
                ? EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'{purpose}' is not a valid purpose; expected one of {string.Join(", ", Purposes)}.", "purpose")
                : null;
        if (error is not null)
        {
            Delete(contentPath);
            await context.WriteErrorAsync(error).ConfigureAwait(false);
            return;
        }

        var stored = Store(context.State, contentPath!, fileName ?? "file", purpose!, length);
        await EmulatorResponses.WriteJsonAsync(http, StatusCodes.Status200OK, writer => Write(writer, stored)).ConfigureAwait(false);
    }

    /// <summary>Stores a file already on disk in the store's directory (an upload, a batch's output).</summary>
    public static StoredFile Store(EmulatorState state, string contentPath, string fileName, string purpose, long length)
    {
        var id = state.Files.NewId(out var sequence);
        var stored = new StoredFile(id, fileName, purpose, length, state.TimeProvider.GetUtcNow(), contentPath, sequence);
        state.Files.Add(stored);
        return stored;
    }

    public static Task GetAsync(EmulatorRequestContext context)
    {
        var id = context.RouteValue("id") ?? string.Empty;
        return context.State.Files.TryGet(id, out var file)
            ? EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer => Write(writer, file))
            : NotFound(context, id);
    }

    public static Task ListAsync(EmulatorRequestContext context)
    {
        var query = context.Http.Request.Query;
        var purpose = query["purpose"].ToString();
        var files = context.State.Files.Newest().Where(f => purpose.Length == 0 || string.Equals(f.Purpose, purpose, StringComparison.Ordinal)).ToList();
        return WritePageAsync(context, files, f => f.Id, Write);
    }

    /// <summary>Writes one page of a list in OpenAI's shape (<c>after</c> an id, up to <c>limit</c> items).</summary>
    public static Task WritePageAsync<T>(EmulatorRequestContext context, IReadOnlyList<T> items, Func<T, string> idOf, Action<Utf8JsonWriter, T> write)
    {
        var query = context.Http.Request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'limit' must be an integer from 1 to {MaxLimit}.", "limit"));
        }

        var start = 0;
        if (query.TryGetValue("after", out var afterText))
        {
            var after = afterText.ToString();
            var index = items.Select(idOf).ToList().IndexOf(after);
            if (index < 0)
            {
                return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"No object with id '{after}' to list after.", "after"));
            }

            start = index + 1;
        }

        var page = items.Skip(start).Take(limit).ToList();
        var hasMore = start + page.Count < items.Count;
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var item in page)
            {
                write(writer, item);
            }

            writer.WriteEndArray();
            if (page.Count > 0)
            {
                writer.WriteString("first_id", idOf(page[0]));
                writer.WriteString("last_id", idOf(page[^1]));
            }
            else
            {
                writer.WriteNull("first_id");
                writer.WriteNull("last_id");
            }

            writer.WriteBoolean("has_more", hasMore);
            writer.WriteEndObject();
        });
    }

    public static Task DeleteAsync(EmulatorRequestContext context)
    {
        var id = context.RouteValue("id") ?? string.Empty;
        if (!context.State.Files.TryRemove(id))
        {
            return NotFound(context, id);
        }

        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "file");
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
        });
    }

    public static async Task ContentAsync(EmulatorRequestContext context)
    {
        var id = context.RouteValue("id") ?? string.Empty;
        FileStream content;
        try
        {
            content = context.State.Files.TryGet(id, out var file)
                ? new FileStream(file.ContentPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true)
                : null!;
        }
        catch (FileNotFoundException)
        {
            content = null!;
        }

        if (content is null)
        {
            await NotFound(context, id).ConfigureAwait(false);
            return;
        }

        await using (content.ConfigureAwait(false))
        {
            var response = context.Http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/octet-stream";
            response.ContentLength = content.Length;
            await content.CopyToAsync(response.Body, context.Http.RequestAborted).ConfigureAwait(false);
        }
    }

    public static void Write(Utf8JsonWriter writer, StoredFile file)
    {
        writer.WriteStartObject();
        writer.WriteString("id", file.Id);
        writer.WriteString("object", "file");
        writer.WriteNumber("bytes", file.Bytes);
        writer.WriteNumber("created_at", file.CreatedAt.ToUnixTimeSeconds());
        writer.WriteString("filename", file.FileName);
        writer.WriteString("purpose", file.Purpose);
        writer.WriteString("status", "processed");
        writer.WriteNull("expires_at");
        writer.WriteNull("status_details");
        writer.WriteEndObject();
    }

    private static Task NotFound(EmulatorRequestContext context, string id) =>
        context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No such File object: {id}", "id");

    private static void Delete(string? path)
    {
        if (path is not null)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
    }
}
