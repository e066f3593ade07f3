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

        var completion = new ChatCompletion();
        if (read.Id is not null)
        {
            completion.Id = read.Id;
        }

        if (read.ObjectType is not null)
        {
            completion.ObjectType = read.ObjectType;
        }

        if (read.Created is { } created)
        {
            completion.Created = created;
        }

        if (read.Model is not null)
        {
            completion.Model = read.Model;
        }

        if (read.Choices is not null)
        {
            completion.Choices = read.Choices;
        }

        completion.Usage = read.Usage;
        return completion;
    }

    private static ChatChoice? ReadCompletionChoice(ref Utf8JsonReader reader)
    {
        var choice = new ChatChoice();
        int index = 0, seen = 0;
        ChatFinishReason? finishReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                // A message without a role reads as the deserializer reads it: the default (unknown) role, not assistant.
                var message = default(ChatJsonFastPath.RoleAndContent);
                if (!ChatJsonFastPath.ReadRoleAndContent(ref reader, roleMayBeNull: false, ref message) || !ChatJsonFastPath.Once(ref seen, 4))
                {
                    return null;
                }

                choice.Message = new ChatMessage { Role = message.Role ?? default, Content = message.Content };
            }
            else if (!ChatJsonFastPath.ReadIndexOrFinishReason(ref reader, ref index, ref finishReason, ref seen))
            {
                return null;
            }
        }

        choice.Index = index;
        choice.FinishReason = finishReason;
        return reader.TokenType == JsonTokenType.EndObject ? choice : null;
    }
}
