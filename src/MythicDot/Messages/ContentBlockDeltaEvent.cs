namespace MythicDot.Messages;

/// <summary>A piece of a content block (<c>content_block_delta</c>): text, thinking, a signature, or a fragment of a tool call's input JSON.</summary>
public sealed class ContentBlockDeltaEvent : MessageStreamEvent
{
    /// <summary>Gets or sets the position of the block it adds to.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the piece.</summary>
    public MessageContentDelta? Delta { get; init; }
}
