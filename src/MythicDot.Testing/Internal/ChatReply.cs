using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>The emulator's answer to one chat completion request, written whole or as a stream of chunks.</summary>
/// <param name="Id">The completion id, <c>chatcmpl-emulator-000001</c> and up.</param>
/// <param name="Created">Unix seconds on the emulator's clock.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Content">The text; <see langword="null"/> when the reply calls a tool.</param>
/// <param name="ToolCall">The tool call, if any: its id, function name and arguments JSON.</param>
/// <param name="FinishReason"><c>stop</c>, <c>length</c> or <c>tool_calls</c>.</param>
/// <param name="PromptTokens">The words of every message.</param>
/// <param name="CompletionTokens">The words of the reply; 1 for a tool call.</param>
internal sealed record ChatReply(
    string Id,
    long Created,
    string Model,
    string? Content,
    (string Id, string Name, string Arguments)? ToolCall,
    string FinishReason,
    int PromptTokens,
    int CompletionTokens)
{
    /// <summary>Writes the non-streamed <c>chat.completion</c> object.</summary>
    public void WriteCompletion(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteHeader(writer, "chat.completion");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        if (ToolCall is { } call)
        {
            writer.WriteNull("content");
            writer.WriteStartArray("tool_calls");
            writer.WriteStartObject();
            writer.WriteString("id", call.Id);
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("content", Content);
        }

        writer.WriteEndObject();
        writer.WriteString("finish_reason", FinishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer);
        writer.WriteEndObject();
    }

    /// <summary>Builds the <c>chat.completion.chunk</c> events of the streamed reply, <c>[DONE]</c> excluded.</summary>
    /// <param name="chunkSize">The characters of text, or of tool-call arguments, per chunk.</param>
    /// <returns>The role chunk (<c>{"role":"assistant","content":""}</c>); the content chunks, or for a tool call one chunk with
    /// its id and name and then the argument fragments; the last chunk, <c>delta: {}</c> with the finish reason and the usage.</returns>
    public List<ReadOnlyMemory<byte>> ToChunks(int chunkSize)
    {
        var chunks = new List<ReadOnlyMemory<byte>>
        {
            Chunk(delta =>
            {
                delta.WriteString("role", "assistant");
                delta.WriteString("content", string.Empty);
            }),
        };

        if (ToolCall is { } call)
        {
            chunks.Add(Chunk(delta => WriteToolCallDelta(delta, call.Id, call.Name, string.Empty)));
            foreach (var fragment in Split(call.Arguments, chunkSize))
            {
                chunks.Add(Chunk(delta => WriteToolCallDelta(delta, null, null, fragment)));
            }
        }
        else
        {
            foreach (var piece in Split(Content ?? string.Empty, chunkSize))
            {
                chunks.Add(Chunk(delta => delta.WriteString("content", piece)));
            }
        }

        chunks.Add(Chunk(static _ => { }, last: true));
        return chunks;
    }

    /// <summary>Cuts <paramref name="text"/> into pieces of <paramref name="size"/> characters, never inside a surrogate pair.</summary>
    internal static IEnumerable<string> Split(string text, int size)
    {
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(size, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length++;
            }

            yield return text.Substring(start, length);
            start += length;
        }
    }

    private static void WriteToolCallDelta(Utf8JsonWriter delta, string? id, string? name, string arguments)
    {
        delta.WriteStartArray("tool_calls");
        delta.WriteStartObject();
        delta.WriteNumber("index", 0);
        if (id is not null)
        {
            delta.WriteString("id", id);
            delta.WriteString("type", "function");
        }

        delta.WriteStartObject("function");
        if (name is not null)
        {
            delta.WriteString("name", name);
        }

        delta.WriteString("arguments", arguments);
        delta.WriteEndObject();
        delta.WriteEndObject();
        delta.WriteEndArray();
    }

    private ReadOnlyMemory<byte> Chunk(Action<Utf8JsonWriter> writeDelta, bool last = false) =>
        EmulatorResponses.ToJson(writer =>
        {
            writer.WriteStartObject();
            WriteHeader(writer, "chat.completion.chunk");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            writeDelta(writer);
            writer.WriteEndObject();
            if (last)
            {
                writer.WriteString("finish_reason", FinishReason);
            }
            else
            {
                writer.WriteNull("finish_reason");
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            if (last)
            {
                WriteUsage(writer);
            }

            writer.WriteEndObject();
        });

    private void WriteHeader(Utf8JsonWriter writer, string objectType)
    {
        writer.WriteString("id", Id);
        writer.WriteString("object", objectType);
        writer.WriteNumber("created", Created);
        writer.WriteString("model", Model);
    }

    private void WriteUsage(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", PromptTokens);
        writer.WriteNumber("completion_tokens", CompletionTokens);
        writer.WriteNumber("total_tokens", PromptTokens + CompletionTokens);
        writer.WriteEndObject();
    }
}
