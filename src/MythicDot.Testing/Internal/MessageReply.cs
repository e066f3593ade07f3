using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>The emulator's answer to one <c>POST /messages</c> request, written whole or as the named events of a stream.</summary>
/// <param name="Id">The message id, <c>msg_emulator_000001</c> and up.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Thinking">The thinking block's text and signature, when thinking is enabled.</param>
/// <param name="Text">The text block; <see langword="null"/> when the reply calls a tool.</param>
/// <param name="ToolUse">The tool call, if any: its id, name and input JSON.</param>
/// <param name="StopReason"><c>end_turn</c>, <c>max_tokens</c>, <c>stop_sequence</c> or <c>tool_use</c>.</param>
/// <param name="StopSequence">The stop sequence the text was cut at, for <c>stop_sequence</c>.</param>
/// <param name="InputTokens">The words of the system prompt and every message.</param>
/// <param name="OutputTokens">The words of the thinking and the text; a tool call counts 1.</param>
internal sealed record MessageReply(
    string Id,
    string Model,
    (string Text, string Signature)? Thinking,
    string? Text,
    (string Id, string Name, string Input)? ToolUse,
    string StopReason,
    string? StopSequence,
    int InputTokens,
    int OutputTokens)
{
    /// <summary>Writes the non-streamed <c>message</c> object.</summary>
    public void WriteMessage(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteHeader(writer);
        writer.WriteStartArray("content");
        if (Thinking is { } thinking)
        {
            WriteThinkingBlock(writer, thinking.Text, thinking.Signature);
        }

        if (Text is { } text)
        {
            WriteTextBlock(writer, text);
        }

        if (ToolUse is { } tool)
        {
            WriteToolUseBlock(writer, tool.Id, tool.Name, tool.Input);
        }

        writer.WriteEndArray();
        writer.WriteString("stop_reason", StopReason);
        WriteStringOrNull(writer, "stop_sequence", StopSequence);
        WriteUsage(writer, InputTokens, OutputTokens);
        writer.WriteEndObject();
    }

    /// <summary>Builds the named events of the streamed reply, each with its <c>type</c> in its data too.</summary>
    /// <param name="chunkSize">The characters of thinking, text or tool input per delta.</param>
    /// <returns><c>message_start</c> (no content, the input tokens), one <c>ping</c>, each block as <c>content_block_start</c>, its deltas
    /// (a thinking block's signature in one <c>signature_delta</c>) and <c>content_block_stop</c>; then <c>message_delta</c> with the stop
    /// reason and the output tokens, and <c>message_stop</c>.</returns>
    public List<(string Name, ReadOnlyMemory<byte> Data)> ToEvents(int chunkSize)
    {
        var events = new List<(string Name, ReadOnlyMemory<byte> Data)>
        {
            Event("message_start", writer =>
            {
                writer.WriteStartObject("message");
                WriteHeader(writer);
                writer.WriteStartArray("content");
                writer.WriteEndArray();
                writer.WriteNull("stop_reason");
                writer.WriteNull("stop_sequence");
                WriteUsage(writer, InputTokens, 0);
                writer.WriteEndObject();
            }),
            Event("ping", static _ => { }),
        };

        var index = 0;
        if (Thinking is { } thinking)
        {
            AddBlock(events, index++, writer => WriteThinkingBlock(writer, string.Empty, string.Empty), thinking.Text, chunkSize, "thinking_delta", "thinking");
            events.Insert(events.Count - 1, Delta(index - 1, "signature_delta", "signature", thinking.Signature));
        }

        if (Text is { } text)
        {
            AddBlock(events, index++, writer => WriteTextBlock(writer, string.Empty), text, chunkSize, "text_delta", "text");
        }

        if (ToolUse is { } tool)
        {
            AddBlock(events, index++, writer => WriteToolUseBlock(writer, tool.Id, tool.Name, "{}"), tool.Input, chunkSize, "input_json_delta", "partial_json");
        }

        events.Add(Event("message_delta", writer =>
        {
            writer.WriteStartObject("delta");
            writer.WriteString("stop_reason", StopReason);
            WriteStringOrNull(writer, "stop_sequence", StopSequence);
            writer.WriteEndObject();
            writer.WriteStartObject("usage");
            writer.WriteNumber("output_tokens", OutputTokens);
            writer.WriteEndObject();
        }));
        events.Add(Event("message_stop", static _ => { }));
        return events;
    }

    private static void AddBlock(List<(string, ReadOnlyMemory<byte>)> events, int index, Action<Utf8JsonWriter> writeStart, string content, int chunkSize, string deltaType, string field)
    {
        events.Add(Event("content_block_start", writer =>
        {
            writer.WriteNumber("index", index);
            writer.WritePropertyName("content_block");
            writeStart(writer);
        }));
        foreach (var piece in ChatReply.Split(content, chunkSize))
        {
            events.Add(Delta(index, deltaType, field, piece));
        }

        events.Add(Event("content_block_stop", writer => writer.WriteNumber("index", index)));
    }

    private static (string, ReadOnlyMemory<byte>) Delta(int index, string deltaType, string field, string value) =>
        Event("content_block_delta", writer =>
        {
            writer.WriteNumber("index", index);
            writer.WriteStartObject("delta");
            writer.WriteString("type", deltaType);
            writer.WriteString(field, value);
            writer.WriteEndObject();
        });

    private static (string, ReadOnlyMemory<byte>) Event(string name, Action<Utf8JsonWriter> writeFields) =>
        (name, EmulatorResponses.ToJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", name);
            writeFields(writer);
            writer.WriteEndObject();
        }));

    private void WriteHeader(Utf8JsonWriter writer)
    {
        writer.WriteString("id", Id);
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("model", Model);
    }

    private static void WriteThinkingBlock(Utf8JsonWriter writer, string thinking, string signature)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "thinking");
        writer.WriteString("thinking", thinking);
        writer.WriteString("signature", signature);
        writer.WriteEndObject();
    }

    private static void WriteTextBlock(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    private static void WriteToolUseBlock(Utf8JsonWriter writer, string id, string name, string input)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "tool_use");
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        writer.WritePropertyName("input");
        writer.WriteRawValue(input);
        writer.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter writer, int input, int output)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", input);
        writer.WriteNumber("output_tokens", output);
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
