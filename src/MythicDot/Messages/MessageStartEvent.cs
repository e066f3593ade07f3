namespace MythicDot.Messages;

/// <summary>The first event of a streamed message (<c>message_start</c>): the message's id, model and input tokens, with no content yet.</summary>
public sealed class MessageStartEvent : MessageStreamEvent
{
    /// <summary>Gets or sets the message as it starts: empty <see cref="Message.Content"/>, no stop reason.</summary>
    public Message? Message { get; init; }

    internal override string? TelemetryModel => Message?.Model;

    internal override string? TelemetryId => Message?.Id;
}
