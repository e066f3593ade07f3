using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>
/// Reads the events of one chat stream. The common shape of a content chunk (id, object, created, model, choices of index, a
/// delta of role and content, and a finish reason) is read directly; anything else (tool calls, usage, a field the SDK does not
/// model, an error envelope, a null where an object belongs, a number in another form) goes to the generated deserializer,
/// so the result is always what it would give.
/// </summary>
/// <remarks>
/// A stream repeats its id, object and model in every chunk, and nearly every role and finish reason is one of a few: those
/// strings are made once per stream instead of once per chunk. One instance serves one stream, read in order.
/// </remarks>
internal sealed class ChatCompletionChunkReader : StreamItemReader<ChatCompletionChunk>
{
    private const string ChunkObject = "chat.completion.chunk";

    private byte[]? _idUtf8;
    private string? _id;
    private byte[]? _modelUtf8;
    private string? _model;

    public override JsonTypeInfo<ChatCompletionChunk> TypeInfo => MythicDotJsonContext.Default.ChatCompletionChunk;

    public override bool MayBeErrorEnvelope(ChatCompletionChunk item) =>
        item.AdditionalProperties is { } unknown && (unknown.ContainsKey("error") || unknown.ContainsKey("success"));

    public override ChatCompletionChunk? TryReadFast(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            var chunk = ReadChunk(ref reader);

            // Anything after the object is for the deserializer to refuse.
            return chunk is not null && !reader.Read() ? chunk : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8: the deserializer says how
        }
    }

    private ChatCompletionChunk? ReadChunk(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var chunk = new ChatCompletionChunk();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals("id"u8))
            {
                field = 1;
                if (!reader.Read() || ReadCached(ref reader, ref _idUtf8, ref _id) is not { } id)
                {
                    return null;
                }

                chunk.Id = id;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                field = 2;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                chunk.ObjectType = !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("chat.completion.chunk"u8) ? ChunkObject : reader.GetString()!;
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                field = 4;
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seconds))
                {
                    return null;
                }

                chunk.Created = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, -62135596800L, 253402300799L));
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                field = 8;
                if (!reader.Read() || ReadCached(ref reader, ref _modelUtf8, ref _model) is not { } model)
                {
                    return null;
                }

                chunk.Model = model;
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                field = 16;
                if (ReadChoices(ref reader) is not { } choices)
                {
                    return null;
                }

                chunk.Choices = choices;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                field = 32;

                // Usage comes on the last chunk only, when asked for: null is read here, an object by the deserializer.
                if (!reader.Read() || reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }

            if ((seen & field) != 0)
            {
                return null; // a repeated field: the deserializer's rules decide
            }

            seen |= field;
        }

        return reader.TokenType == JsonTokenType.EndObject ? chunk : null;
    }

    private static List<ChatChunkChoice>? ReadChoices(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var choices = new List<ChatChunkChoice>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (ReadChoice(ref reader) is not { } choice)
            {
                return null;
            }

            choices.Add(choice);
        }

        return reader.TokenType == JsonTokenType.EndArray ? choices : null;
    }

    private static ChatChunkChoice? ReadChoice(ref Utf8JsonReader reader)
    {
        var choice = new ChatChunkChoice();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals("index"u8))
            {
                field = 1;
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var index))
                {
                    return null;
                }

                choice.Index = index;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                field = 2;
                if (ReadDelta(ref reader) is not { } delta)
                {
                    return null;
                }

                choice.Delta = delta;
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                field = 4;
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    choice.FinishReason = ReadFinishReason(ref reader);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }

            if ((seen & field) != 0)
            {
                return null;
            }

            seen |= field;
        }

        return reader.TokenType == JsonTokenType.EndObject ? choice : null;
    }

    private static ChatMessageDelta? ReadDelta(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var delta = new ChatMessageDelta();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals("content"u8))
            {
                field = 1;
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    delta.Content = reader.GetString();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                field = 2;
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    delta.Role = ReadRole(ref reader);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else
            {
                return null; // tool calls, and any field the SDK does not model
            }

            if ((seen & field) != 0)
            {
                return null;
            }

            seen |= field;
        }

        return reader.TokenType == JsonTokenType.EndObject ? delta : null;
    }

    /// <summary>A string the stream repeats: the last one's string when the bytes are the same, else a new one remembered.</summary>
    private static string? ReadCached(ref Utf8JsonReader reader, ref byte[]? lastUtf8, ref string? last)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        if (reader.ValueIsEscaped)
        {
            return reader.GetString();
        }

        var bytes = reader.ValueSpan;
        if (last is not null && bytes.SequenceEqual(lastUtf8))
        {
            return last;
        }

        var value = reader.GetString()!;
        lastUtf8 = bytes.ToArray();
        last = value;
        return value;
    }

    // As ChatRoleConverter and ChatFinishReasonConverter read them: blank is the default (unknown) value.
    private static ChatRole ReadRole(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("assistant"u8))
        {
            return ChatRole.Assistant;
        }

        var value = reader.GetString();
        return string.IsNullOrWhiteSpace(value) ? default : new ChatRole(value!);
    }

    private static ChatFinishReason ReadFinishReason(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var bytes = reader.ValueSpan;
            if (bytes.SequenceEqual("stop"u8))
            {
                return ChatFinishReason.Stop;
            }

            if (bytes.SequenceEqual("length"u8))
            {
                return ChatFinishReason.Length;
            }

            if (bytes.SequenceEqual("tool_calls"u8))
            {
                return ChatFinishReason.ToolCalls;
            }
        }

        var value = reader.GetString();
        return string.IsNullOrWhiteSpace(value) ? default : new ChatFinishReason(value!);
    }
}
