namespace MythicDot.Messages;

/// <summary>A content block is complete (<c>content_block_stop</c>).</summary>
public sealed class ContentBlockStopEvent : MessageStreamEvent
{
    /// <summary>Gets or sets the position of the block.</summary>
    public int Index { get; init; }
}
