using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Errors;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary>Turns one server message into its typed event: the <c>type</c> picks the type; an unknown type, or a known one whose
/// fields do not fit the SDK's model, is read as a plain <see cref="RealtimeServerEvent"/> that keeps every field.</summary>
internal static class RealtimeEventReader
{
    /// <exception cref="ApiError">The message is not a JSON object.</exception>
    public static RealtimeServerEvent Read(ReadOnlySpan<byte> message, ErrorContext errors)
    {
        var context = RealtimeJsonContext.Default;
        RealtimeServerEvent? read;
        try
        {
            var typeInfo = TypeInfoFor(FindType(message), context);
            try
            {
                read = typeInfo is null ? null : (RealtimeServerEvent?)JsonSerializer.Deserialize(message, typeInfo);
            }
            catch (JsonException)
            {
                read = null; // a known type with fields the SDK's model does not fit: kept whole below, not failed
            }

            read ??= JsonSerializer.Deserialize(message, context.RealtimeServerEvent);
        }
        catch (JsonException exception)
        {
            throw Unreadable(message, exception, errors.ApiKey);
        }

        if (read is null)
        {
            throw Unreadable(message, null, errors.ApiKey);
        }

        if (read is RealtimeErrorEvent error)
        {
            error.SetException(Map(error, message, errors));
        }

        return read;
    }

    /// <summary>The typed error of an <c>error</c> event, through the one mapping every call uses: the code picks the type.</summary>
    private static ApiError Map(RealtimeErrorEvent error, ReadOnlySpan<byte> message, ErrorContext errors)
    {
        var details = error.Error ?? new RealtimeErrorDetails();
        var fields = JsonSerializer.SerializeToUtf8Bytes(details, RealtimeJsonContext.Default.RealtimeErrorDetails);
        var parsed = ErrorBody.TryParse(fields);
        var status = ErrorMapper.DocumentedStatus(details.Code) ?? HttpStatusCode.OK;
        return ErrorMapper.FromResponse(new ErrorResponse(status, null, null), message, parsed, errors);
    }

    private static ApiError Unreadable(ReadOnlySpan<byte> message, Exception? exception, string? apiKey)
    {
        var preview = ErrorMapper.DecodeLenient(message.Length > 200 ? message[..200] : message);
        return new ApiError("The realtime server sent a message that is not a JSON object: " + ErrorMapper.Redact(preview, apiKey), exception);
    }

    /// <summary>The top-level <c>type</c>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="JsonException">The message is not a JSON object.</exception>
    private static string? FindType(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private static JsonTypeInfo? TypeInfoFor(string? type, RealtimeJsonContext context) => type switch
    {
        "error" => context.RealtimeErrorEvent,
        "session.created" => context.SessionCreatedEvent,
        "session.updated" => context.SessionUpdatedEvent,
        "input_audio_buffer.speech_started" => context.InputAudioBufferSpeechStartedEvent,
        "input_audio_buffer.speech_stopped" => context.InputAudioBufferSpeechStoppedEvent,
        "input_audio_buffer.committed" => context.InputAudioBufferCommittedEvent,
        "input_audio_buffer.cleared" => context.InputAudioBufferClearedEvent,
        "conversation.item.created" => context.ConversationItemCreatedEvent,
        "response.created" => context.ResponseCreatedEvent,
        "response.done" => context.ResponseDoneEvent,
        "response.audio.delta" => context.ResponseAudioDeltaEvent,
        "response.audio.done" => context.ResponseAudioDoneEvent,
        "response.audio_transcript.delta" => context.ResponseAudioTranscriptDeltaEvent,
        "response.audio_transcript.done" => context.ResponseAudioTranscriptDoneEvent,
        "response.text.delta" => context.ResponseTextDeltaEvent,
        "response.text.done" => context.ResponseTextDoneEvent,
        "rate_limits.updated" => context.RateLimitsUpdatedEvent,
        _ => null,
    };
}
