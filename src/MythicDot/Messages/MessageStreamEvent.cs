namespace MythicDot.Messages;

/// <summary>One event of a streamed message (<see cref="MessagesClient.CreateStreamingAsync(MessageRequest, RequestOptions?, CancellationToken)"/>).</summary>
/// <remarks>
/// <para>Each kind of event is a subtype: <see cref="MessageStartEvent"/>, <see cref="ContentBlockStartEvent"/>, <see cref="ContentBlockDeltaEvent"/>,
/// <see cref="ContentBlockStopEvent"/>, <see cref="MessageDeltaEvent"/> and <see cref="MessageStopEvent"/>, the last; keep-alives are
/// <see cref="MessagePingEvent"/>s. An event of a kind the SDK does not know is an <see cref="UnknownMessageStreamEvent"/>, with its
/// <see cref="Type"/> and its fields in <see cref="ApiObject.AdditionalProperties"/>. An <c>error</c> event is never an item: it is
/// thrown as its typed <see cref="ApiError"/>.</para>
/// <para>Fold a stream into the <see cref="Message"/> a non-streamed call returns with <see cref="MessageStreamExtensions.ToMessageAsync"/> or <see cref="MessageAccumulator"/>.</para>
/// </remarks>
public abstract class MessageStreamEvent : ApiResponse
{
    private MessageStreamEventType _type;

    /// <summary>Initializes a new instance of the <see cref="MessageStreamEvent"/> class; only the SDK's own events derive from it.</summary>
    private protected MessageStreamEvent()
    {
    }

    /// <summary>Gets or sets the kind of event, as its <c>type</c> (or, without one, its SSE event name) says.</summary>
    public MessageStreamEventType Type
    {
        get => _type;
        init => _type = value;
    }

    /// <summary>Names an event whose data has no <c>type</c> after the SSE event it came in.</summary>
    internal void DefaultType(string eventType)
    {
        if (_type.Value.Length == 0 && !string.IsNullOrWhiteSpace(eventType))
        {
            _type = new MessageStreamEventType(eventType);
        }
    }
}
