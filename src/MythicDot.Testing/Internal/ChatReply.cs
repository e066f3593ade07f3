using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>One choice of the emulator's answer.</summary>
/// <param name="Content">The text; <see langword="null"/> when the choice calls a tool.</param>
/// <param name="ToolCall">The tool call, if any: its id, function name and arguments JSON.</param>
/// <param name="FinishReason"><c>stop</c>, <c>length</c> or <c>tool_calls</c>.</param>
/// <param name="CompletionTokens">The words of the text; 1 for a tool call.</param>
internal sealed record ChatReplyChoice(string? Content, (string Id, string Name, string Arguments)? ToolCall, string FinishReason, int CompletionTokens);

/// <summary>The emulator's answer to one chat completion request, written whole or as a stream of chunks.</summary>
/// <remarks>
/// <para>A choice is <c>{"index","message":{"role","content","refusal"[,"tool_calls"]},"logprobs","finish_reason"}</c>, a chunk's
/// choice <c>{"index","delta","logprobs","finish_reason"}</c>, as OpenAI orders them; <c>refusal</c> is always null, <c>logprobs</c>
/// null unless the request asked for them. The usage carries <c>prompt_tokens_details.cached_tokens</c> (0) and
/// <c>completion_tokens_details</c> (<c>reasoning_tokens</c> 0 and the prediction counts).</para>
/// <para>Logprobs: the text is cut into tokens by <see cref="Tokenize"/> (each word with the whitespace before it). Token <c>k</c> of a
/// choice (from 0) has the logprob <c>-(k+1)/100</c> and its UTF-8 <c>bytes</c>; its <c>top_logprobs</c> are the token itself,
/// then the token followed by <c>~1</c>, <c>~2</c>, ..., each 1 lower than the one before (<c>-(k+1)/100 - j</c>). A tool-call
/// choice has <c>{"content":null,"refusal":null}</c>. In a stream, a token's entry rides on the content chunk that carries its
/// last character (a chunk may carry none: <c>"content":[]</c>); the role and finish chunks carry <c>"logprobs": null</c>.</para>
/// </remarks>
/// <param name="Id">The completion id, <c>chatcmpl-emulator-000001</c> and up.</param>
/// <param name="Created">Unix seconds on the emulator's clock.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Choices">The choices, in index order (<c>n</c> of them).</param>
/// <param name="PromptTokens">The words of every message's text.</param>
/// <param name="Options">The request's settings: logprobs, top logprobs, stream usage.</param>
/// <param name="AcceptedPredictionTokens">Over all choices, the reply words that also appear in the prediction.</param>
/// <param name="RejectedPredictionTokens">Over all choices, the prediction words that do not appear in the reply; counted in the completion tokens too, as OpenAI bills them.</param>
internal sealed record ChatReply(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatReplyChoice> Choices,
    int PromptTokens,
    ChatRequestOptions Options,
    int AcceptedPredictionTokens,
    int RejectedPredictionTokens)
{
    /// <summary>Gets the completion tokens of every choice, and the rejected prediction tokens.</summary>
    public int CompletionTokens => Choices.Sum(choice => choice.CompletionTokens) + RejectedPredictionTokens;

    /// <summary>Cuts a text into tokens as the emulator counts them: each word with the whitespace before it, so that the tokens
    /// add up to the text exactly (whitespace after the last word goes with the last token).</summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            tokens.Add(text[start..i]);
            start = i;
        }

        if (start < text.Length && tokens.Count > 0)
        {
            tokens[^1] += text[start..];
        }

        return tokens;
    }

    /// <summary>Writes the non-streamed <c>chat.completion</c> object.</summary>
    public void WriteCompletion(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteHeader(writer, "chat.completion");
        writer.WriteStartArray("choices");
        for (var index = 0; index < Choices.Count; index++)
        {
            var choice = Choices[index];
            writer.WriteStartObject();
            writer.WriteNumber("index", index);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", choice.Content);
            writer.WriteNull("refusal");
            if (choice.ToolCall is { } call)
            {
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

            writer.WriteEndObject();
            if (Options.Logprobs)
            {
                writer.WritePropertyName("logprobs");
                WriteLogprobs(writer, choice.Content is { } content ? Tokenize(content) : null, 0);
            }
            else
            {
                writer.WriteNull("logprobs");
            }

            writer.WriteString("finish_reason", choice.FinishReason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteUsage(writer);
        writer.WriteEndObject();
    }

    /// <summary>Builds the <c>chat.completion.chunk</c> events of the streamed reply, <c>[DONE]</c> excluded.</summary>
    /// <param name="chunkSize">The characters of text, or of tool-call arguments, per chunk.</param>
    /// <returns>For each choice its role chunk (<c>{"role":"assistant","content":""}</c>); its content chunks, or for a tool call
    /// one chunk with its id and name and then the argument fragments; its last chunk, <c>delta: {}</c> with the finish reason.
    /// With several choices the chunks take turns: the first chunk of every choice, then the second of every choice, and so on.
    /// Then, when the request asked for it, the usage chunk: <c>"choices": []</c> and the <c>usage</c>.</returns>
    public List<ReadOnlyMemory<byte>> ToChunks(int chunkSize)
    {
        var perChoice = new List<List<ReadOnlyMemory<byte>>>();
        for (var index = 0; index < Choices.Count; index++)
        {
            perChoice.Add(ChoiceChunks(index, Choices[index], chunkSize));
        }

        var chunks = new List<ReadOnlyMemory<byte>>();
        var total = perChoice.Sum(c => c.Count);
        for (var position = 0; chunks.Count < total; position++)
        {
            foreach (var choiceChunks in perChoice)
            {
                if (position < choiceChunks.Count)
                {
                    chunks.Add(choiceChunks[position]);
                }
            }
        }

        if (Options.IncludeUsage)
        {
            chunks.Add(EmulatorResponses.ToJson(writer =>
            {
                writer.WriteStartObject();
                WriteHeader(writer, "chat.completion.chunk");
                writer.WriteStartArray("choices");
                writer.WriteEndArray();
                WriteUsage(writer);
                writer.WriteEndObject();
            }));
        }

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

    /// <summary>Writes <c>{"content":[...],"refusal":null}</c>: for token <c>k</c> of the choice (<paramref name="first"/> + its position
    /// in <paramref name="tokens"/>) the logprob <c>-(k+1)/100</c>, its UTF-8 bytes, and <c>top_logprobs</c> alternatives: the
    /// token itself, then the token followed by <c>~1</c>, <c>~2</c>, ..., each 1 lower than the one before.</summary>
    /// <param name="writer">The writer, after the property name.</param>
    /// <param name="tokens">The tokens; <see langword="null"/> for a choice without content (a tool call).</param>
    /// <param name="first">The position of the first of <paramref name="tokens"/> in the choice's text.</param>
    private void WriteLogprobs(Utf8JsonWriter writer, List<string>? tokens, int first)
    {
        writer.WriteStartObject();
        if (tokens is null)
        {
            writer.WriteNull("content");
        }
        else
        {
            writer.WriteStartArray("content");
            for (var i = 0; i < tokens.Count; i++)
            {
                var k = first + i;
                writer.WriteStartObject();
                WriteTokenLogprob(writer, tokens[i], k, 0);
                writer.WriteStartArray("top_logprobs");
                for (var j = 0; j < Options.TopLogprobs; j++)
                {
                    writer.WriteStartObject();
                    WriteTokenLogprob(writer, j == 0 ? tokens[i] : tokens[i] + "~" + j.ToString(CultureInfo.InvariantCulture), k, j);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteNull("refusal");
        writer.WriteEndObject();
    }

    private static void WriteTokenLogprob(Utf8JsonWriter writer, string token, int position, int alternative)
    {
        writer.WriteString("token", token);

        // An integer over 100, so that the number written is the exact decimal: -0.03, -1.01.
        writer.WriteNumber("logprob", -(position + 1 + (100.0 * alternative)) / 100);
        writer.WriteStartArray("bytes");
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            writer.WriteNumberValue(b);
        }

        writer.WriteEndArray();
    }

    private List<ReadOnlyMemory<byte>> ChoiceChunks(int index, ChatReplyChoice choice, int chunkSize)
    {
        var chunks = new List<ReadOnlyMemory<byte>>
        {
            Chunk(index, delta =>
            {
                delta.WriteString("role", "assistant");
                delta.WriteString("content", string.Empty);
            }),
        };

        if (choice.ToolCall is { } call)
        {
            chunks.Add(Chunk(index, delta => WriteToolCallDelta(delta, call.Id, call.Name, string.Empty)));
            foreach (var fragment in Split(call.Arguments, chunkSize))
            {
                chunks.Add(Chunk(index, delta => WriteToolCallDelta(delta, null, null, fragment)));
            }
        }
        else
        {
            // A token's logprobs ride on the chunk that carries its last character, so they never run ahead of the text.
            var tokens = Tokenize(choice.Content ?? string.Empty);
            var next = 0;
            var tokenEnd = tokens.Count > 0 ? tokens[0].Length : 0;
            var end = 0;
            foreach (var piece in Split(choice.Content ?? string.Empty, chunkSize))
            {
                end += piece.Length;
                var first = next;
                while (next < tokens.Count && tokenEnd <= end)
                {
                    next++;
                    tokenEnd += next < tokens.Count ? tokens[next].Length : 0;
                }

                var carried = tokens.GetRange(first, next - first);
                chunks.Add(Chunk(
                    index,
                    delta => delta.WriteString("content", piece),
                    logprobs: Options.Logprobs ? writer => WriteLogprobs(writer, carried, first) : null));
            }
        }

        chunks.Add(Chunk(index, static _ => { }, finishReason: choice.FinishReason));
        return chunks;
    }

    private ReadOnlyMemory<byte> Chunk(int index, Action<Utf8JsonWriter> writeDelta, string? finishReason = null, Action<Utf8JsonWriter>? logprobs = null) =>
        EmulatorResponses.ToJson(writer =>
        {
            writer.WriteStartObject();
            WriteHeader(writer, "chat.completion.chunk");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", index);
            writer.WriteStartObject("delta");
            writeDelta(writer);
            writer.WriteEndObject();
            writer.WritePropertyName("logprobs");
            if (logprobs is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                logprobs(writer);
            }

            writer.WriteString("finish_reason", finishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (Options.IncludeUsage)
            {
                // OpenAI: with include_usage, every chunk but the last carries "usage": null.
                writer.WriteNull("usage");
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
        var completionTokens = CompletionTokens;
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", PromptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", PromptTokens + completionTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("reasoning_tokens", 0);
        writer.WriteNumber("accepted_prediction_tokens", AcceptedPredictionTokens);
        writer.WriteNumber("rejected_prediction_tokens", RejectedPredictionTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
