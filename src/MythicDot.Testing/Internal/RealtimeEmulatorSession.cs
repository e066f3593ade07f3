using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>
/// One realtime session of the emulator, in OpenAI's realtime shapes (which MythicDot's mirror). Deterministic:
/// <list type="bullet">
/// <item><c>session.created</c> on connect (modalities <c>text</c> and <c>audio</c>, voice <c>alloy</c>, <c>pcm16</c> both ways, no turn detection);
/// <c>session.update</c> validated (voices <c>nova alloy echo fable onyx shimmer</c>, modalities <c>text</c>/<c>audio</c>, the three audio
/// formats) and answered <c>session.updated</c> with the merged session.</item>
/// <item><c>input_audio_buffer.append</c>: base64 checked; the first after a commit or clear sends <c>speech_started</c>, with
/// <c>audio_start_ms</c> counted from the bytes appended in the session as 24 kHz 16-bit mono PCM (48 bytes per millisecond).</item>
/// <item><c>input_audio_buffer.commit</c>: <c>speech_stopped</c>, <c>committed</c>, the user item, then a response that echoes the
/// committed audio bytes in <c>response.audio.delta</c> events of <see cref="AudioChunkBytes"/> bytes (100 ms), with the transcript
/// <c>Echo: {n} bytes of audio</c>; text only (<c>response.text.*</c>) when the session's modalities lack <c>audio</c>.</item>
/// <item><c>response.create</c>: a text response <c>Echo: {text}</c> of the last user text item (<c>conversation.item.create</c>); as a
/// transcript with no audio bytes when the modalities lack <c>text</c>.</item>
/// <item>Anything else, and every invalid event, gets an <c>error</c> event (<c>invalid_request_error</c>, with the code, param and the
/// client's <c>event_id</c>); the session goes on.</item>
/// </list>
/// Usage: one token per 4 characters of text and per 100 ms of audio.
/// </summary>
internal sealed class RealtimeEmulatorSession(EmulatorRequestContext context, WebSocket socket, string model)
{
    /// <summary>The bytes of each echoed <c>response.audio.delta</c>: 100 ms of 24 kHz 16-bit mono PCM.</summary>
    public const int AudioChunkBytes = 4800;

    /// <summary>Bytes of 24 kHz 16-bit mono PCM per millisecond.</summary>
    private const int BytesPerMillisecond = 48;

    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private static readonly string[] Voices = ["alloy", "echo", "fable", "nova", "onyx", "shimmer"];
    private static readonly string[] Modalities = ["text", "audio"];
    private static readonly string[] AudioFormats = ["pcm16", "g711_ulaw", "g711_alaw"];

    private readonly EmulatorState _state = context.State;
    private readonly Dictionary<string, JsonElement> _session = DefaultSession();
    private readonly ArrayBufferWriter<byte> _audio = new();
    private readonly Faults.RealtimeDropFault? _drop = context.RealtimeFault;
    private RecordedRealtimeSession _record = null!;
    private string _id = string.Empty;
    private long _eventCount;
    private long _itemCount;
    private long _responseCount;
    private long _audioBytesTotal;
    private string? _speechItemId;
    private string? _lastItemId;
    private string? _lastUserText;
    private int _tokensUsed;
    private bool _dropped;

    public async Task RunAsync()
    {
        _id = string.Create(CultureInfo.InvariantCulture, $"sess_emulator_{_state.NextRealtimeSessionNumber():D6}");
        _record = new RecordedRealtimeSession(_id, context.RequestId);
        _state.Record(_record);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Http.RequestAborted, _state.ShutdownToken);
        WebSocketCloseStatus? closeStatus = null;
        try
        {
            await SendAsync("session.created", w => WriteSession(w), stop.Token).ConfigureAwait(false);
            while (!_dropped)
            {
                var (message, close) = await ReceiveAsync(stop.Token).ConfigureAwait(false);
                if (message is null)
                {
                    closeStatus = close;
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(close ?? WebSocketCloseStatus.NormalClosure, string.Empty, stop.Token).ConfigureAwait(false);
                    }

                    break;
                }

                _record.AddClientEvent(Encoding.UTF8.GetString(message));
                await HandleAsync(message, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, the connection dropped, or the emulator is stopping.
        }
        finally
        {
            _record.End(closeStatus);
        }
    }

    private static Dictionary<string, JsonElement> DefaultSession()
    {
        using var document = JsonDocument.Parse("""
            {"modalities":["text","audio"],"instructions":"","voice":"alloy","input_audio_format":"pcm16","output_audio_format":"pcm16",
             "input_audio_transcription":null,"turn_detection":null,"tools":[],"tool_choice":"auto","temperature":0.8,"max_response_output_tokens":"inf"}
            """);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>One whole message (frames put together), or <see langword="null"/> and the close status when the client closed.</summary>
    private async Task<(byte[]? Message, WebSocketCloseStatus? Close)> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (null, result.CloseStatus);
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "Message too large.", cancellationToken).ConfigureAwait(false);
                    return (null, null);
                }

                if (result.EndOfMessage)
                {
                    return (message.ToArray(), null);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(byte[] message, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            await ErrorAsync(ErrorCodes.InvalidRequest, "The message is not valid JSON: every client event is a JSON object with a 'type'.", null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await ErrorAsync(ErrorCodes.InvalidRequest, "A client event is a JSON object with a 'type'.", null, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            var eventId = root.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            var type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            var task = type switch
            {
                "session.update" => SessionUpdateAsync(root, eventId, cancellationToken),
                "input_audio_buffer.append" => AppendAsync(root, eventId, cancellationToken),
                "input_audio_buffer.commit" => CommitAsync(eventId, cancellationToken),
                "input_audio_buffer.clear" => ClearAsync(cancellationToken),
                "conversation.item.create" => ItemCreateAsync(root, eventId, cancellationToken),
                "response.create" => ResponseCreateAsync(root, eventId, cancellationToken),
                "response.cancel" => ErrorAsync(ErrorCodes.InvalidRequest, "There is no response in progress to cancel.", null, eventId, cancellationToken),
                null => ErrorAsync(ErrorCodes.ParameterMissing, "Missing required parameter: 'type'.", "type", eventId, cancellationToken),
                _ => ErrorAsync(ErrorCodes.InvalidRequest, $"Unknown event type '{type}'.", "type", eventId, cancellationToken),
            };
            await task.ConfigureAwait(false);
        }
    }

    private async Task SessionUpdateAsync(JsonElement root, string? eventId, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("session", out var session) || session.ValueKind != JsonValueKind.Object)
        {
            await ErrorAsync(ErrorCodes.ParameterMissing, "Missing required parameter: 'session'.", "session", eventId, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var property in session.EnumerateObject())
        {
            if (Invalid(property) is { } message)
            {
                await ErrorAsync(ErrorCodes.ParameterInvalid, message, "session." + property.Name, eventId, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        foreach (var property in session.EnumerateObject())
        {
            if (property.Name is not ("id" or "object" or "model" or "expires_at"))
            {
                _session[property.Name] = property.Value.Clone();
            }
        }

        await SendAsync("session.updated", w => WriteSession(w), cancellationToken).ConfigureAwait(false);
    }

    private static string? Invalid(JsonProperty property)
    {
        var value = property.Value;
        return property.Name switch
        {
            "voice" when value.ValueKind != JsonValueKind.String || !Voices.Contains(value.GetString(), StringComparer.Ordinal) =>
                $"Invalid value for 'session.voice': {value.GetRawText()}. Supported values are: {string.Join(", ", Voices.Select(v => "'" + v + "'"))}.",
            "modalities" when value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
                || value.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || !Modalities.Contains(m.GetString(), StringComparer.Ordinal)) =>
                "Invalid value for 'session.modalities': it must be a non-empty array of 'text' and 'audio'.",
            "instructions" when value.ValueKind != JsonValueKind.String => "Invalid type for 'session.instructions': expected a string.",
            "input_audio_format" or "output_audio_format" when value.ValueKind != JsonValueKind.String || !AudioFormats.Contains(value.GetString(), StringComparer.Ordinal) =>
                $"Invalid value for 'session.{property.Name}': {value.GetRawText()}. Supported values are: 'pcm16', 'g711_ulaw', 'g711_alaw'.",
            _ => null,
        };
    }

    private async Task AppendAsync(JsonElement root, string? eventId, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("audio", out var audio) || audio.ValueKind != JsonValueKind.String)
        {
            await ErrorAsync(ErrorCodes.ParameterMissing, "Missing required parameter: 'audio'.", "audio", eventId, cancellationToken).ConfigureAwait(false);
            return;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(audio.GetString()!);
        }
        catch (FormatException)
        {
            await ErrorAsync(ErrorCodes.ParameterInvalid, "Invalid 'audio': expected base64-encoded audio bytes.", "audio", eventId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var startMs = _audioBytesTotal / BytesPerMillisecond;
        _audio.Write(bytes.AsSpan());
        _audioBytesTotal += bytes.Length;
        if (_speechItemId is null && bytes.Length > 0)
        {
            _speechItemId = NextItemId();
            await SendAsync("input_audio_buffer.speech_started", w =>
            {
                w.WriteNumber("audio_start_ms", startMs);
                w.WriteString("item_id", _speechItemId);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(string? eventId, CancellationToken cancellationToken)
    {
        if (_audio.WrittenCount == 0)
        {
            await ErrorAsync(ErrorCodes.InvalidRequest, "Error committing input audio buffer: the buffer is empty.", null, eventId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var itemId = _speechItemId ?? NextItemId();
        await SendAsync("input_audio_buffer.speech_stopped", w =>
        {
            w.WriteNumber("audio_end_ms", _audioBytesTotal / BytesPerMillisecond);
            w.WriteString("item_id", itemId);
        }, cancellationToken).ConfigureAwait(false);
        var previous = _lastItemId;
        await SendAsync("input_audio_buffer.committed", w =>
        {
            WriteStringOrNull(w, "previous_item_id", previous);
            w.WriteString("item_id", itemId);
        }, cancellationToken).ConfigureAwait(false);
        await SendAsync("conversation.item.created", w =>
        {
            WriteStringOrNull(w, "previous_item_id", previous);
            w.WritePropertyName("item");
            WriteItem(w, itemId, "completed", "user", "input_audio", null);
        }, cancellationToken).ConfigureAwait(false);
        _lastItemId = itemId;

        var audio = _audio.WrittenSpan.ToArray();
        _audio.Clear();
        _speechItemId = null;
        var inputTokens = AudioTokens(audio.Length);
        await RespondAsync(new Reply(string.Create(CultureInfo.InvariantCulture, $"Echo: {audio.Length} bytes of audio"), audio, inputTokens, SessionModalities()), cancellationToken).ConfigureAwait(false);
    }

    private Task ClearAsync(CancellationToken cancellationToken)
    {
        _audio.Clear();
        _speechItemId = null;
        return SendAsync("input_audio_buffer.cleared", static _ => { }, cancellationToken);
    }

    private async Task ItemCreateAsync(JsonElement root, string? eventId, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object)
        {
            await ErrorAsync(ErrorCodes.ParameterMissing, "Missing required parameter: 'item'.", "item", eventId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var type = item.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        if (type is not ("message" or "function_call" or "function_call_output"))
        {
            await ErrorAsync(ErrorCodes.ParameterInvalid, "Invalid value for 'item.type': expected 'message', 'function_call' or 'function_call_output'.", "item.type", eventId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (type == "message" && item.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.GetString() == "user"
            && item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            var text = string.Concat(content.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                .Select(p => p.GetProperty("text").GetString()));
            _lastUserText = text;
        }

        var itemId = item.TryGetProperty("id", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString()! : NextItemId();
        var previous = root.TryGetProperty("previous_item_id", out var previousElement) && previousElement.ValueKind == JsonValueKind.String ? previousElement.GetString() : _lastItemId;
        await SendAsync("conversation.item.created", w =>
        {
            WriteStringOrNull(w, "previous_item_id", previous);
            w.WriteStartObject("item");
            w.WriteString("id", itemId);
            w.WriteString("object", "realtime.item");
            w.WriteString("status", "completed");
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("id" or "object" or "status"))
                {
                    property.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        _lastItemId = itemId;
    }

    private Task ResponseCreateAsync(JsonElement root, string? eventId, CancellationToken cancellationToken)
    {
        var modalities = SessionModalities();
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("modalities", out var asked))
        {
            if (asked.ValueKind != JsonValueKind.Array || asked.GetArrayLength() == 0
                || asked.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String || !Modalities.Contains(m.GetString(), StringComparer.Ordinal)))
            {
                return ErrorAsync(ErrorCodes.ParameterInvalid, "Invalid value for 'response.modalities': it must be a non-empty array of 'text' and 'audio'.", "response.modalities", eventId, cancellationToken);
            }

            modalities = asked.EnumerateArray().Select(m => m.GetString()!).ToArray();
        }

        var input = _lastUserText ?? string.Empty;
        return RespondAsync(new Reply("Echo: " + input, null, TextTokens(input), modalities), cancellationToken);
    }

    private async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
    {
        var responseId = string.Create(CultureInfo.InvariantCulture, $"resp_emulator_{++_responseCount:D6}");
        var itemId = NextItemId();
        // Echoed audio goes out as audio when the modalities allow it; a text reply as text when they allow that.
        var audioOut = reply.Audio is not null ? reply.Modalities.Contains("audio") : !reply.Modalities.Contains("text");
        var kind = audioOut ? "audio" : "text";
        await SendAsync("response.created", w =>
        {
            w.WritePropertyName("response");
            WriteResponse(w, responseId, "in_progress", null);
        }, cancellationToken).ConfigureAwait(false);
        var previous = _lastItemId;
        await SendAsync("conversation.item.created", w =>
        {
            WriteStringOrNull(w, "previous_item_id", previous);
            w.WritePropertyName("item");
            WriteItem(w, itemId, "in_progress", "assistant", null, null);
        }, cancellationToken).ConfigureAwait(false);
        _lastItemId = itemId;

        void Part(Utf8JsonWriter w)
        {
            w.WriteString("response_id", responseId);
            w.WriteString("item_id", itemId);
            w.WriteNumber("output_index", 0);
            w.WriteNumber("content_index", 0);
        }

        var audioBytes = 0;
        if (audioOut)
        {
            for (var offset = 0; reply.Audio is { } audio && offset < audio.Length; offset += AudioChunkBytes)
            {
                var chunk = audio.AsMemory(offset, Math.Min(AudioChunkBytes, audio.Length - offset));
                audioBytes += chunk.Length;
                await SendAsync("response.audio.delta", w =>
                {
                    Part(w);
                    w.WriteBase64String("delta", chunk.Span);
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        var deltaType = audioOut ? "response.audio_transcript.delta" : "response.text.delta";
        foreach (var piece in Chunks(reply.Text, _state.StreamChunkSize))
        {
            await SendAsync(deltaType, w =>
            {
                Part(w);
                w.WriteString("delta", piece);
            }, cancellationToken).ConfigureAwait(false);
        }

        if (audioOut)
        {
            await SendAsync("response.audio.done", Part, cancellationToken).ConfigureAwait(false);
            await SendAsync("response.audio_transcript.done", w =>
            {
                Part(w);
                w.WriteString("transcript", reply.Text);
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await SendAsync("response.text.done", w =>
            {
                Part(w);
                w.WriteString("text", reply.Text);
            }, cancellationToken).ConfigureAwait(false);
        }

        var usage = new Usage(reply.InputTokens, TextTokens(reply.Text), AudioTokens(audioBytes));
        await SendAsync("response.done", w =>
        {
            w.WritePropertyName("response");
            WriteResponse(w, responseId, "completed", w2 =>
            {
                w2.WriteStartArray("output");
                WriteItem(w2, itemId, "completed", "assistant", kind, reply.Text);
                w2.WriteEndArray();
                w2.WriteStartObject("usage");
                w2.WriteNumber("total_tokens", usage.Input + usage.OutputText + usage.OutputAudio);
                w2.WriteNumber("input_tokens", usage.Input);
                w2.WriteNumber("output_tokens", usage.OutputText + usage.OutputAudio);
                w2.WriteStartObject("output_token_details");
                w2.WriteNumber("text_tokens", usage.OutputText);
                w2.WriteNumber("audio_tokens", usage.OutputAudio);
                w2.WriteEndObject();
                w2.WriteEndObject();
            });
        }, cancellationToken).ConfigureAwait(false);

        var total = usage.Input + usage.OutputText + usage.OutputAudio;
        _tokensUsed += total;
        _state.AddTokens(total);
        await SendAsync("rate_limits.updated", w =>
        {
            w.WriteStartArray("rate_limits");
            w.WriteStartObject();
            w.WriteString("name", "tokens");
            w.WriteNumber("limit", EmulatorDefaults.TokensPerMinute);
            w.WriteNumber("remaining", EmulatorDefaults.TokensPerMinute - _tokensUsed);
            w.WriteNumber("reset_seconds", 60);
            w.WriteEndObject();
            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false);
    }

    private string[] SessionModalities() =>
        _session.TryGetValue("modalities", out var modalities) ? modalities.EnumerateArray().Select(m => m.GetString()!).ToArray() : Modalities;

    private string NextItemId() => string.Create(CultureInfo.InvariantCulture, $"item_emulator_{++_itemCount:D6}");

    private static int TextTokens(string text) => (text.Length + 3) / 4;

    private static int AudioTokens(int bytes) => (bytes + AudioChunkBytes - 1) / AudioChunkBytes;

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length;)
        {
            var length = Math.Min(size, text.Length - i);
            if (i + length < text.Length && char.IsHighSurrogate(text[i + length - 1]))
            {
                length++;
            }

            yield return text.Substring(i, length);
            i += length;
        }
    }

    private void WriteSession(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("session");
        writer.WriteString("id", _id);
        writer.WriteString("object", "realtime.session");
        writer.WriteString("model", model);
        writer.WriteNumber("expires_at", _state.TimeProvider.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds());
        foreach (var pair in _session)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter writer, string id, string status, Action<Utf8JsonWriter>? rest)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "realtime.response");
        writer.WriteString("status", status);
        writer.WriteNull("status_details");
        if (rest is null)
        {
            writer.WriteStartArray("output");
            writer.WriteEndArray();
            writer.WriteNull("usage");
        }
        else
        {
            rest(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>A message item; <paramref name="partType"/> null for no content yet.</summary>
    private static void WriteItem(Utf8JsonWriter writer, string id, string status, string role, string? partType, string? text)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "realtime.item");
        writer.WriteString("type", "message");
        writer.WriteString("status", status);
        writer.WriteString("role", role);
        writer.WriteStartArray("content");
        if (partType is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("type", partType);
            if (partType == "text")
            {
                writer.WriteString("text", text);
            }
            else
            {
                WriteStringOrNull(writer, "transcript", text);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private Task ErrorAsync(string code, string message, string? param, string? eventId, CancellationToken cancellationToken) =>
        SendAsync("error", w =>
        {
            w.WriteStartObject("error");
            w.WriteString("type", EmulatorError.NestedType(code, EmulatorError.DocumentedStatus(code)));
            w.WriteString("code", code);
            w.WriteString("message", message);
            WriteStringOrNull(w, "param", param);
            WriteStringOrNull(w, "event_id", eventId);
            w.WriteEndObject();
        }, cancellationToken);

    /// <summary>Sends one server event: <c>event_id</c> and <c>type</c>, then what <paramref name="write"/> adds; then the drop fault, if due.</summary>
    private async Task SendAsync(string type, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        if (_dropped)
        {
            return;
        }

        if (_drop is { } drop && _eventCount >= drop.AfterEvents)
        {
            _dropped = true;
            context.Http.Abort();
            return;
        }

        var json = EmulatorResponses.ToJson(w =>
        {
            w.WriteStartObject();
            w.WriteString("event_id", string.Create(CultureInfo.InvariantCulture, $"event_emulator_{++_eventCount:D6}"));
            w.WriteString("type", type);
            write(w);
            w.WriteEndObject();
        });
        await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
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

    private sealed record Reply(string Text, byte[]? Audio, int InputTokens, string[] Modalities);

    private readonly record struct Usage(int Input, int OutputText, int OutputAudio);
}
