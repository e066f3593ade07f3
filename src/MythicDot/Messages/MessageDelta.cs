namespace MythicDot.Messages;

/// <summary>What a <see cref="MessageDeltaEvent"/> changes in the message: why the model stopped.</summary>
public sealed class MessageDelta : ApiObject
{
    /// <summary>Gets or sets why the model stopped.</summary>
    public MessageStopReason? StopReason { get; init; }

    /// <summary>Gets or sets the stop sequence the model wrote, when it stopped at one.</summary>
    public string? StopSequence { get; init; }
}
