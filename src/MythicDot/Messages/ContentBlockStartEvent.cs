namespace MythicDot.Messages;

/// <summary>A content block begins (<c>content_block_start</c>): its kind, and its fields before any delta (a tool call's id and name).</summary>
public sealed class ContentBlockStartEvent : MessageStreamEvent
{
    /// <summary>Gets or sets the block's position in <see cref="Message.Content"/>.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the block as it starts: empty text or thinking, a tool call's input <c>{}</c>.</summary>
    public MessageContentBlock? ContentBlock { get; init; }
}
