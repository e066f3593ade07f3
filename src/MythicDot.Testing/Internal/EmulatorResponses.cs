using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>Writes JSON answers with an exact <c>Content-Length</c>, and errors in either envelope.</summary>
internal static class EmulatorResponses
{
    public static async Task WriteJsonAsync(HttpContext http, int statusCode, Action<Utf8JsonWriter> write)
    {
        var json = ToJson(write);
        var response = http.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext http, int statusCode, EmulatorError error, ErrorEnvelope envelope) =>
        WriteJsonAsync(http, statusCode, writer => WriteError(writer, error, envelope, http.Features.Get<EmulatorRequestContext>()?.RequestId));

    /// <summary>Serializes what <paramref name="write"/> writes.</summary>
    public static ReadOnlyMemory<byte> ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Writes an error body in <paramref name="envelope"/>; the flat one carries <paramref name="requestId"/>.</summary>
    public static void WriteError(Utf8JsonWriter writer, EmulatorError error, ErrorEnvelope envelope, string? requestId)
    {
        writer.WriteStartObject();
        if (envelope == ErrorEnvelope.Nested)
        {
            writer.WriteStartObject("error");
            writer.WriteString("message", error.Message);
            writer.WriteString("type", EmulatorError.NestedType(error.Code, error.StatusCode));
            WriteStringOrNull(writer, "param", error.Param);
            writer.WriteString("code", error.Code);
            if (error.RetryAfterSeconds is { } nestedRetryAfter)
            {
                writer.WriteNumber("retry_after", nestedRetryAfter);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteBoolean("success", false);
            writer.WriteString("message", error.Message);
            writer.WriteString("code", error.Code);
            WriteStringOrNull(writer, "param", error.Param);
            if (error.RetryAfterSeconds is { } retryAfter)
            {
                writer.WriteNumber("retry_after", retryAfter);
            }
            else
            {
                writer.WriteNull("retry_after");
            }

            WriteStringOrNull(writer, "request_id", requestId);
        }

        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
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
}
