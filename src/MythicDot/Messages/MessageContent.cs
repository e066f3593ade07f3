using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Content as the wire carries it where the API takes a string or blocks: a message's <c>content</c>, the request's
/// <c>system</c>, a tool result's <c>content</c>.</summary>
internal sealed class MessageContent(string? text, IReadOnlyList<MessageContentBlock>? blocks)
{
    public string? Text { get; } = text;

    public IReadOnlyList<MessageContentBlock>? Blocks { get; } = blocks;

    /// <summary>The wire value of a property pair (text, or blocks); <see langword="null"/> when neither is set.</summary>
    public static MessageContent? Of(string? text, IEnumerable<MessageContentBlock>? blocks) =>
        blocks is not null ? new MessageContent(null, blocks as IReadOnlyList<MessageContentBlock> ?? blocks.ToList())
        : text is not null ? new MessageContent(text, null)
        : null;
}

/// <summary>Reads and writes <see cref="MessageContent"/>: a JSON string, or an array of content blocks.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new MessageContent(reader.GetString(), null),
        JsonTokenType.StartArray => new MessageContent(null, JsonSerializer.Deserialize(ref reader, MessagesJsonContext.Default.IReadOnlyListMessageContentBlock)),
        _ => throw new JsonException("Content must be a string or an array of content blocks."),
    };

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Blocks is { } blocks)
        {
            JsonSerializer.Serialize(writer, blocks, MessagesJsonContext.Default.IReadOnlyListMessageContentBlock);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
