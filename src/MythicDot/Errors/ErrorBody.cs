using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MythicDot.Errors;

/// <summary>The fields of an error body in either envelope (flat, or nested under <c>error</c>).</summary>
internal sealed class ErrorBody
{
    public string? Message { get; private set; }

    public string? Code { get; private set; }

    public string? Type { get; private set; }

    public string? Param { get; private set; }

    public string? RequestId { get; private set; }

    /// <summary>Gets the body's <c>retry_after</c> in seconds, as sent (validated later).</summary>
    public double? RetryAfterSeconds { get; private set; }

    public bool? Success { get; private set; }

    /// <summary>Gets a value indicating whether the body had a top-level <c>error</c> member (the nested envelope).</summary>
    public bool HasErrorObject { get; private set; }

    /// <summary>Gets a value indicating whether the body is an error envelope: <c>success:false</c>, or an <c>error</c> member.</summary>
    public bool IsError => Success == false || HasErrorObject;

    /// <summary>Reads an error body; never throws. Returns <see langword="null"/> when it is not a JSON object.</summary>
    public static ErrorBody? TryParse(ReadOnlySpan<byte> utf8)
    {
        utf8 = Internal.Utf8Bom.Skip(utf8);
        if (utf8.IsEmpty)
        {
            return null;
        }

        ErrorBody? body = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            body = new ErrorBody();
            body.ReadObject(ref reader, nested: false);
            return body;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // A body cut at the cap, or broken further on: the fields read before the break still say what the error is.
            return body is { HasAnyField: true } ? body : null;
        }
    }

    private bool HasAnyField => Message is not null || Code is not null || Type is not null || Param is not null || RequestId is not null
        || RetryAfterSeconds is not null || Success is not null || HasErrorObject;

    private void ReadObject(ref Utf8JsonReader reader, bool nested)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            if (!reader.Read())
            {
                return;
            }

            switch (name)
            {
                case "error" when !nested && reader.TokenType == JsonTokenType.StartObject:
                    HasErrorObject = true;
                    ReadObject(ref reader, nested: true);
                    break;
                case "error" when !nested && reader.TokenType == JsonTokenType.String:
                    HasErrorObject = true;
                    Message ??= reader.GetString();
                    break;
                case "message":
                    Message = ReadText(ref reader) ?? Message;
                    break;
                case "code":
                    Code = ReadText(ref reader) ?? Code;
                    break;
                case "type":
                    // Anthropic's shape, {"type":"error","error":{"type":"overloaded_error",...}}: the nested type says what failed.
                    var type = ReadText(ref reader);
                    Type = nested ? type ?? Type : Type ?? type;
                    break;
                case "param":
                    Param = ReadText(ref reader) ?? Param;
                    break;
                case "request_id":
                    RequestId = ReadText(ref reader) ?? RequestId;
                    break;
                case "retry_after":
                    RetryAfterSeconds = ReadSeconds(ref reader) ?? RetryAfterSeconds;
                    break;
                case "success" when !nested:
                    Success = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => Success,
                    };
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
            default:
                reader.Skip();
                return null;
        }
    }

    private static double? ReadSeconds(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var number):
                return number;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                reader.Skip();
                return null;
        }
    }
}
