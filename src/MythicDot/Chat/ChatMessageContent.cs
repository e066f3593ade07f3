using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>A message's <c>content</c> as the wire carries it: a string, or an array of parts.</summary>
internal sealed class ChatMessageContent(string? text, IReadOnlyList<ChatContentPart>? parts)
{
    public string? Text { get; } = text;

    public IReadOnlyList<ChatContentPart>? Parts { get; } = parts;
}

/// <summary>Reads and writes <see cref="ChatMessageContent"/>: a JSON string, or an array of content parts.</summary>
internal sealed class ChatMessageContentConverter : JsonConverter<ChatMessageContent>
{
    public override ChatMessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new ChatMessageContent(reader.GetString(), null),
        JsonTokenType.StartArray => new ChatMessageContent(null, JsonSerializer.Deserialize(ref reader, ChatJsonContext.Default.IReadOnlyListChatContentPart)),
        _ => throw new JsonException("A message's content must be a string or an array of parts."),
    };

    public override void Write(Utf8JsonWriter writer, ChatMessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, ChatJsonContext.Default.IReadOnlyListChatContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
