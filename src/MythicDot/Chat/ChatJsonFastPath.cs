using System.Text.Json;

namespace MythicDot.Chat;

/// <summary>
/// Reads the common shape of chat completions and chunks with a <see cref="Utf8JsonReader"/>, exactly as the generated
/// deserializer would, or declines (returns <see langword="null"/>) so that the generated deserializer reads it.
/// </summary>
/// <remarks>
/// Declined: a field the SDK does not model (it belongs in <c>AdditionalProperties</c>), a repeated field, a null where an
/// object or a string belongs, a number in a form other than a plain integer, tool calls, names, an error envelope. Invalid
/// JSON is declined too: the deserializer then reports it. The readers are checked against the deserializer by a seeded
/// differential fuzz test.
/// </remarks>
internal static class ChatJsonFastPath
{
    /// <summary>Reads one element of <c>choices</c>; the reader is on its <see cref="JsonTokenType.StartObject"/>.</summary>
    public delegate T? ChoiceReader<T>(ref Utf8JsonReader reader)
        where T : class;

    /// <summary>Reads a completion or a chunk; <see langword="null"/> to leave it to the deserializer.</summary>
    /// <param name="json">The whole body or event.</param>
    /// <param name="objectType">The usual value of <c>object</c>, returned as this string when it matches.</param>
    /// <param name="readChoice">Reads one choice.</param>
    /// <param name="strings">Strings kept from earlier reads (a stream's id and model); <see langword="null"/> for none.</param>
    /// <param name="envelope">The top-level fields read.</param>
    /// <returns>Whether it had the common shape.</returns>
    public static bool TryRead<TChoice>(ReadOnlySpan<byte> json, string objectType, ChoiceReader<TChoice> readChoice, RepeatedStrings? strings, out Envelope<TChoice> envelope)
        where TChoice : class
    {
        envelope = default;
        try
        {
            var reader = new Utf8JsonReader(json);

            // Anything after the object is for the deserializer to refuse.
            return ReadEnvelope(ref reader, objectType, readChoice, strings, ref envelope) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // a string that is not valid UTF-8: the deserializer says how
        }
    }

    /// <summary>Reads a <c>{"role", "content"}</c> object (a message or a delta); a field absent is left unset.</summary>
    /// <returns>Whether it had that shape.</returns>
    public static bool ReadRoleAndContent(ref Utf8JsonReader reader, bool roleMayBeNull, ref RoleAndContent read)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                if (!reader.Read() || !(reader.TokenType is JsonTokenType.String or JsonTokenType.Null) || !Once(ref seen, 1))
                {
                    return false;
                }

                read.Content = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                // Required but nullable in the schema: a real server sends "refusal":null on every message.
                if (!reader.Read() || !(reader.TokenType is JsonTokenType.String or JsonTokenType.Null) || !Once(ref seen, 4))
                {
                    return false;
                }

                read.Refusal = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                if (!reader.Read() || !(reader.TokenType == JsonTokenType.String || (roleMayBeNull && reader.TokenType == JsonTokenType.Null)) || !Once(ref seen, 2))
                {
                    return false;
                }

                read.Role = reader.TokenType == JsonTokenType.String ? ReadRole(ref reader) : null;
            }
            else
            {
                return false; // tool calls, a name, and any field the SDK does not model
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Reads a choice's <c>index</c> (a plain integer), its <c>finish_reason</c>, or a <c>logprobs</c> that is null (sent on
    /// every choice that did not ask for them); false for any other field, log probabilities included.</summary>
    /// <returns>Whether the field was one of the three and had a value of the right kind.</returns>
    public static bool ReadIndexOrFinishReason(ref Utf8JsonReader reader, ref int index, ref ChatFinishReason? finishReason, ref int seen)
    {
        if (reader.ValueTextEquals("index"u8))
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out index))
            {
                return false;
            }

            return Once(ref seen, 1);
        }

        if (reader.ValueTextEquals("finish_reason"u8))
        {
            if (!reader.Read() || !(reader.TokenType is JsonTokenType.String or JsonTokenType.Null))
            {
                return false;
            }

            finishReason = reader.TokenType == JsonTokenType.String ? ReadFinishReason(ref reader) : null;
            return Once(ref seen, 2);
        }

        if (reader.ValueTextEquals("logprobs"u8))
        {
            return reader.Read() && reader.TokenType == JsonTokenType.Null && Once(ref seen, 8);
        }

        return false;
    }

    /// <summary>Marks a field as read; false when it was read before (a repeated field: the deserializer's rules decide).</summary>
    public static bool Once(ref int seen, int field)
    {
        if ((seen & field) != 0)
        {
            return false;
        }

        seen |= field;
        return true;
    }

    private static bool ReadEnvelope<TChoice>(ref Utf8JsonReader reader, string objectType, ChoiceReader<TChoice> readChoice, RepeatedStrings? strings, ref Envelope<TChoice> envelope)
        where TChoice : class
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            if (reader.ValueTextEquals("id"u8))
            {
                field = 1;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                envelope.Id = strings is null ? reader.GetString() : strings.Id.Read(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                field = 2;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                envelope.ObjectType = !reader.ValueIsEscaped && Utf8Equals(reader.ValueSpan, objectType) ? objectType : reader.GetString();
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                field = 4;
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seconds))
                {
                    return false;
                }

                // As UnixSecondsConverter reads it.
                envelope.Created = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, -62135596800L, 253402300799L));
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                field = 8;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                envelope.Model = strings is null ? reader.GetString() : strings.Model.Read(ref reader);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                field = 16;
                if (ReadChoices(ref reader, readChoice) is not { } choices)
                {
                    return false;
                }

                envelope.Choices = choices;
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                field = 32;
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType != JsonTokenType.Null)
                {
                    if (ReadUsage(ref reader) is not { } usage)
                    {
                        return false;
                    }

                    envelope.Usage = usage;
                }
            }
            else
            {
                return false;
            }

            if (!Once(ref seen, field))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static List<TChoice>? ReadChoices<TChoice>(ref Utf8JsonReader reader, ChoiceReader<TChoice> readChoice)
        where TChoice : class
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var choices = new List<TChoice>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (readChoice(ref reader) is not { } choice)
            {
                return null;
            }

            choices.Add(choice);
        }

        return reader.TokenType == JsonTokenType.EndArray ? choices : null;
    }

    private static Usage? ReadUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        int prompt = 0, completion = 0, total = 0;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field;
            int value;
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                field = 1;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                field = 2;
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                field = 4;
            }
            else
            {
                return null;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out value) || !Once(ref seen, field))
            {
                return null;
            }

            switch (field)
            {
                case 1: prompt = value; break;
                case 2: completion = value; break;
                default: total = value; break;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? new Usage { PromptTokens = prompt, CompletionTokens = completion, TotalTokens = total } : null;
    }

    // As ChatRoleConverter and ChatFinishReasonConverter read them (blank is the default, unknown value), with the common
    // values as the SDK's own instances instead of new strings.
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

    /// <summary>Whether UTF-8 bytes spell an ASCII string.</summary>
    private static bool Utf8Equals(ReadOnlySpan<byte> bytes, string ascii)
    {
        if (bytes.Length != ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The top-level fields read; a field left <see langword="null"/> was absent (the model keeps its default).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051", Justification = "A private bag of fields, filled by reference.")]
    internal struct Envelope<TChoice>
        where TChoice : class
    {
        public string? Id;
        public string? ObjectType;
        public DateTimeOffset? Created;
        public string? Model;
        public List<TChoice>? Choices;
        public Usage? Usage;
    }

    /// <summary>A message's or a delta's role, content and refusal; <see langword="null"/> when absent or null.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051", Justification = "A private bag of fields, filled by reference.")]
    internal struct RoleAndContent
    {
        public ChatRole? Role;
        public string? Content;
        public string? Refusal;
    }

    /// <summary>The strings a stream repeats in every chunk, made once.</summary>
    internal sealed class RepeatedStrings
    {
        public RepeatedString Id { get; } = new();

        public RepeatedString Model { get; } = new();
    }

    /// <summary>One repeated string: the last one's string when the bytes are the same, else a new one remembered.</summary>
    internal sealed class RepeatedString
    {
        private byte[]? _utf8;
        private string? _value;

        public string? Read(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                return reader.GetString();
            }

            var bytes = reader.ValueSpan;
            if (_value is not null && bytes.SequenceEqual(_utf8))
            {
                return _value;
            }

            var value = reader.GetString()!;
            _utf8 = bytes.ToArray();
            _value = value;
            return value;
        }
    }
}
