using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>Reads a request body as the JSON object every POST endpoint of the API takes.</summary>
internal static class JsonRequest
{
    /// <summary>Parses the body already read; an empty body, another content type, invalid JSON or a non-object is 400 <c>invalid_request</c>.</summary>
    /// <returns>The document (the caller disposes it), or <see langword="null"/> with <paramref name="error"/> to answer with.</returns>
    public static JsonDocument? Parse(EmulatorRequestContext context, out EmulatorError? error)
    {
        error = null;
        if (context.Body.Length == 0)
        {
            error = EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The request body is empty: send a JSON object.", null);
            return null;
        }

        if (!context.Http.Request.HasJsonContentType())
        {
            error = EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The Content-Type must be application/json.", null);
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(context.Body);
        }
        catch (JsonException exception)
        {
            error = EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The request body is not valid JSON: " + exception.Message, null);
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            error = EmulatorError.Invalid(ErrorCodes.InvalidRequest, "The request body must be a JSON object.", null);
            return null;
        }

        return document;
    }
}
