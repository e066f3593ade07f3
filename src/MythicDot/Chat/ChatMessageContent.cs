using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>Reads and writes a chat message's <c>content</c>: a string, or an array of <see cref="ChatContentPart"/>s.</summary>
internal sealed class ChatMessageContentConverter : TextOrPartsConverter<ChatContentPart>
{
    protected override JsonTypeInfo<IReadOnlyList<ChatContentPart>> PartsInfo => ChatJsonContext.Default.IReadOnlyListChatContentPart;

    protected override string Owner => "A message's content";
}
