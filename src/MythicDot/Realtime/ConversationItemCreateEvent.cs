using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>conversation.item.create</c>: adds an item (a user message, a function call's output) to the conversation; the server answers <see cref="ConversationItemCreatedEvent"/>.</summary>
public sealed class ConversationItemCreateEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="ConversationItemCreateEvent"/> class, to fill with an object initializer.</summary>
    public ConversationItemCreateEvent()
        : base("conversation.item.create")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConversationItemCreateEvent"/> class.</summary>
    /// <param name="item">The item to add, for example <see cref="RealtimeConversationItem.UserMessage(string)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is <see langword="null"/>.</exception>
    public ConversationItemCreateEvent(RealtimeConversationItem item)
        : this()
    {
        ArgumentNullException.ThrowIfNull(item);
        Item = item;
    }

    /// <summary>Gets or sets the id of the item to insert after; <see langword="null"/> to append.</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>Gets or sets the item to add.</summary>
    public RealtimeConversationItem Item { get; set; } = new();

    internal override void Validate(string paramName)
    {
        base.Validate(paramName);
        if (Item is null)
        {
            throw new ArgumentException("ConversationItemCreateEvent.Item is null.", paramName);
        }
    }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.ConversationItemCreateEvent;
}
