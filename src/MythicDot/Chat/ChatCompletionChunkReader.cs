using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>
/// Reads the events of one chat stream: the common shape of a chunk (id, object, created, model, usage, and choices of index,
/// a delta of role and content, and a finish reason) directly, anything else through the generated deserializer (see
/// <see cref="ChatJsonFastPath"/>).
/// </summary>
/// <remarks>A stream repeats its id and model in every chunk: those strings are made once per stream. One instance serves one stream, read in order.</remarks>
internal sealed class ChatCompletionChunkReader : StreamItemReader<ChatCompletionChunk>
{
    private const string ChunkObject = "chat.completion.chunk";

    private static readonly ChatJsonFastPath.ChoiceReader<ChatChunkChoice> ReadChoice = ReadChunkChoice;

    private readonly ChatJsonFastPath.RepeatedStrings _strings = new();

    public override JsonTypeInfo<ChatCompletionChunk> TypeInfo => ChatJsonContext.Default.ChatCompletionChunk;

    public override bool MayBeErrorEnvelope(ChatCompletionChunk item) =>
        item.AdditionalProperties is { } unknown && (unknown.ContainsKey("error") || unknown.ContainsKey("success"));

    public override ChatCompletionChunk? TryReadFast(ReadOnlySpan<byte> json)
    {
        if (!ChatJsonFastPath.TryRead(json, ChunkObject, ReadChoice, _strings, out var read))
        {
            return null;
        }

        // Each field the body lacks keeps the model's default, as the deserializer leaves it.
        return new ChatCompletionChunk
        {
            Id = read.Id ?? string.Empty,
            ObjectType = read.ObjectType ?? ChunkObject,
            Created = read.Created ?? default,
            Model = read.Model ?? string.Empty,
            Choices = read.Choices ?? [],
            Usage = read.Usage,
        };
    }

    private static ChatChunkChoice? ReadChunkChoice(ref Utf8JsonReader reader)
    {
        ChatMessageDelta? read = null;
        int index = 0, seen = 0;
        ChatFinishReason? finishReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                var delta = default(ChatJsonFastPath.RoleAndContent);
                if (!ChatJsonFastPath.ReadRoleAndContent(ref reader, roleMayBeNull: true, ref delta) || !ChatJsonFastPath.Once(ref seen, 16))
                {
                    return null;
                }

                read = new ChatMessageDelta { Role = delta.Role, Content = delta.Content, Refusal = delta.Refusal };
            }
            else if (!ChatJsonFastPath.ReadIndexOrFinishReason(ref reader, ref index, ref finishReason, ref seen))
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? new ChatChunkChoice { Index = index, Delta = read!, FinishReason = finishReason } : null;
    }
}
