namespace MythicDot.Messages;

/// <summary>A keep-alive of a streamed message (<c>ping</c>): no content.</summary>
public sealed class MessagePingEvent : MessageStreamEvent
{
}
