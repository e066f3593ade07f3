namespace MythicDot.Realtime;

/// <summary><c>conversation.item.created</c>: an item was added to the conversation (by the client, the input audio or the model).</summary>
public sealed class ConversationItemCreatedEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ConversationItemCreatedEvent"/> class.</summary>
    public ConversationItemCreatedEvent()
    {
        Type = RealtimeServerEventType.ConversationItemCreated;
    }

    /// <summary>Gets the id of the item it follows.</summary>
    public string? PreviousItemId { get; init; }

    /// <summary>Gets the item.</summary>
    public RealtimeConversationItem? Item { get; init; }
}
