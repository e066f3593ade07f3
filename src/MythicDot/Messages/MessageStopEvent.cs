namespace MythicDot.Messages;

/// <summary>The last event of a streamed message (<c>message_stop</c>): the stream is complete.</summary>
public sealed class MessageStopEvent : MessageStreamEvent
{
}
