using System.Buffers;
using System.Text.Json;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>
/// Writes a <see cref="ChatCompletionRequest"/> as the JSON the source-generated serializer writes for it, field for field and in
/// the same order, without its metadata-driven path.
/// </summary>
/// <remarks>
/// The request's extension data and open enums keep the generator from emitting its fast path, and the general path costs about
/// as much as the rest of sending the request. The fields the API documents are written directly; tools, tool choice, response
/// format, tool calls and extension data, which are rare or nested, go through the generated serializer as before.
/// A new property on the request or on a message must be added here too: the tests compare the output with the generated
/// serializer's for a request that sets every property, and fail on a property they do not set.
/// </remarks>
internal static class ChatCompletionRequestWriter
{
    // A request larger than this does not keep its buffer for the next one on the thread.
    private const int MaxRetainedBuffer = 64 * 1024;

    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Messages = JsonEncodedText.Encode("messages");
    private static readonly JsonEncodedText Temperature = JsonEncodedText.Encode("temperature");
    private static readonly JsonEncodedText TopP = JsonEncodedText.Encode("top_p");
    private static readonly JsonEncodedText MaxTokens = JsonEncodedText.Encode("max_tokens");
    private static readonly JsonEncodedText MaxCompletionTokens = JsonEncodedText.Encode("max_completion_tokens");
    private static readonly JsonEncodedText N = JsonEncodedText.Encode("n");
    private static readonly JsonEncodedText Logprobs = JsonEncodedText.Encode("logprobs");
    private static readonly JsonEncodedText TopLogprobs = JsonEncodedText.Encode("top_logprobs");
    private static readonly JsonEncodedText Prediction = JsonEncodedText.Encode("prediction");
    private static readonly JsonEncodedText StreamOptions = JsonEncodedText.Encode("stream_options");
    private static readonly JsonEncodedText Refusal = JsonEncodedText.Encode("refusal");
    private static readonly JsonEncodedText Stream = JsonEncodedText.Encode("stream");
    private static readonly JsonEncodedText Stop = JsonEncodedText.Encode("stop");
    private static readonly JsonEncodedText Tools = JsonEncodedText.Encode("tools");
    private static readonly JsonEncodedText ToolChoice = JsonEncodedText.Encode("tool_choice");
    private static readonly JsonEncodedText ResponseFormat = JsonEncodedText.Encode("response_format");
    private static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText ToolCalls = JsonEncodedText.Encode("tool_calls");
    private static readonly JsonEncodedText ToolCallId = JsonEncodedText.Encode("tool_call_id");

    [ThreadStatic]
    private static GrowableBuffer? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Serializes the request; for a stream, <c>"stream":true</c> comes first (the method decides streaming, not the request).</summary>
    public static byte[] ToUtf8Bytes(ChatCompletionRequest request, bool streaming)
    {
        // Taken off the thread while in use, so that the writer and its buffer are never shared.
        var buffer = t_buffer ?? new GrowableBuffer(1024);
        var writer = t_writer ?? new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ChatJsonContext.Default.Options.Encoder, SkipValidation = true });
        t_buffer = null;
        t_writer = null;
        writer.Reset(buffer);
        Write(writer, request, streaming);
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= MaxRetainedBuffer)
        {
            buffer.Clear();
            t_buffer = buffer;
            t_writer = writer;
        }

        return bytes;
    }

    private static void Write(Utf8JsonWriter writer, ChatCompletionRequest request, bool streamFirst)
    {
        var context = ChatJsonContext.Default;
        writer.WriteStartObject();
        if (streamFirst)
        {
            writer.WriteBoolean(Stream, true);
        }

        if (request.Model is { } model)
        {
            writer.WriteString(Model, model);
        }

        if (request.Messages is { } messages)
        {
            writer.WritePropertyName(Messages);
            writer.WriteStartArray();
            for (var i = 0; i < messages.Count; i++)
            {
                WriteMessage(writer, messages[i]);
            }

            writer.WriteEndArray();
        }

        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber(Temperature, temperature);
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber(TopP, topP);
        }

        if (request.MaxTokens is { } maxTokens)
        {
            writer.WriteNumber(MaxTokens, maxTokens);
        }

        if (request.MaxCompletionTokens is { } maxCompletionTokens)
        {
            writer.WriteNumber(MaxCompletionTokens, maxCompletionTokens);
        }

        if (request.N is { } n)
        {
            writer.WriteNumber(N, n);
        }

        if (request.Stop is { } stop)
        {
            writer.WritePropertyName(Stop);
            StringOrStringsConverter.WriteValue(writer, stop);
        }

        if (request.Tools is { } tools)
        {
            writer.WritePropertyName(Tools);
            JsonSerializer.Serialize(writer, tools, context.IListChatTool);
        }

        if (request.ToolChoice is { } toolChoice)
        {
            writer.WritePropertyName(ToolChoice);
            JsonSerializer.Serialize(writer, toolChoice, context.ChatToolChoice);
        }

        if (request.ResponseFormat is { } responseFormat)
        {
            writer.WritePropertyName(ResponseFormat);
            JsonSerializer.Serialize(writer, responseFormat, context.ChatResponseFormat);
        }

        if (request.Logprobs is { } logprobs)
        {
            writer.WriteBoolean(Logprobs, logprobs);
        }

        if (request.TopLogprobs is { } topLogprobs)
        {
            writer.WriteNumber(TopLogprobs, topLogprobs);
        }

        if (request.Prediction is { } prediction)
        {
            writer.WritePropertyName(Prediction);
            JsonSerializer.Serialize(writer, prediction, context.ChatPrediction);
        }

        if (request.StreamOptions is { } streamOptions)
        {
            writer.WritePropertyName(StreamOptions);
            JsonSerializer.Serialize(writer, streamOptions, context.ChatStreamOptions);
        }

        WriteExtensionData(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage? message)
    {
        if (message is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Role, message.Role.Value);
        if (message.ContentParts is { } parts)
        {
            writer.WritePropertyName(Content);
            JsonSerializer.Serialize(writer, parts, ChatJsonContext.Default.IReadOnlyListChatContentPart);
        }
        else if (message.Content is { } content)
        {
            writer.WriteString(Content, content);
        }

        if (message.Refusal is { } refusal)
        {
            writer.WriteString(Refusal, refusal);
        }

        if (message.Name is { } name)
        {
            writer.WriteString(Name, name);
        }

        if (message.ToolCalls is { } toolCalls)
        {
            writer.WritePropertyName(ToolCalls);
            JsonSerializer.Serialize(writer, toolCalls, ChatJsonContext.Default.IReadOnlyListChatToolCall);
        }

        if (message.ToolCallId is { } toolCallId)
        {
            writer.WriteString(ToolCallId, toolCallId);
        }

        WriteExtensionData(writer, message.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteExtensionData(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, JsonElement>>? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var pair in properties)
        {
            writer.WritePropertyName(pair.Key);
            JsonSerializer.Serialize(writer, pair.Value, ChatJsonContext.Default.JsonElement);
        }
    }

    /// <summary>A growable byte buffer (what <c>ArrayBufferWriter</c> is where it exists: not on netstandard2.0).</summary>
    private sealed class GrowableBuffer(int initialCapacity) : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[initialCapacity];
        private int _written;

        public int Capacity => _buffer.Length;

        public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

        public void Clear() => _written = 0;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsSpan(_written);
        }

        private void Ensure(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 1);
            if (needed > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
            }
        }
    }
}
