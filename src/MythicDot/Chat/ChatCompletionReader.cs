using System.Text.Json;

namespace MythicDot.Chat;

/// <summary>
/// Reads a chat completion's common shape (id, object, created, model, usage, and choices of index, a message of role and
/// content, and a finish reason) directly; <see langword="null"/> for anything else, which the generated deserializer then
/// reads (see <see cref="ChatJsonFastPath"/>).
/// </summary>
internal static class ChatCompletionReader
{
    private const string CompletionObject = "chat.completion";

    private static readonly ChatJsonFastPath.ChoiceReader<ChatChoice> ReadChoice = ReadCompletionChoice;

    public static ChatCompletion? TryRead(ReadOnlySpan<byte> json)
    {
        if (!ChatJsonFastPath.TryRead(json, CompletionObject, ReadChoice, null, out var read))
        {
            return null;
        }

        // Each field the body lacks keeps the model's default, as the deserializer leaves it.
        return new ChatCompletion
        {
            Id = read.Id ?? string.Empty,
            ObjectType = read.ObjectType ?? CompletionObject,
            Created = read.Created ?? default,
            Model = read.Model ?? string.Empty,
            Choices = read.Choices ?? [],
            Usage = read.Usage,
        };
    }

    private static ChatChoice? ReadCompletionChoice(ref Utf8JsonReader reader)
    {
        ChatMessage? read = null;
        int index = 0, seen = 0;
        ChatFinishReason? finishReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                // A message without a role reads as the deserializer reads it: the default (unknown) role, not assistant.
                var message = default(ChatJsonFastPath.RoleAndContent);
                if (!ChatJsonFastPath.ReadRoleAndContent(ref reader, roleMayBeNull: false, ref message) || !ChatJsonFastPath.Once(ref seen, 16))
                {
                    return null;
                }

                read = new ChatMessage { Role = message.Role ?? default, Content = message.Content, Refusal = message.Refusal };
            }
            else if (!ChatJsonFastPath.ReadIndexOrFinishReason(ref reader, ref index, ref finishReason, ref seen))
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? new ChatChoice { Index = index, Message = read!, FinishReason = finishReason } : null;
    }
}
