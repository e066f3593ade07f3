namespace MythicDot.Messages;

/// <summary>An event of a kind the SDK does not know: its <see cref="MessageStreamEvent.Type"/>, and its fields as they came in
/// <see cref="ApiObject.AdditionalProperties"/>.</summary>
public sealed class UnknownMessageStreamEvent : MessageStreamEvent
{
}
