namespace MythicDot;

/// <summary>What one choice adds in a streamed chunk.</summary>
public sealed class ChatChunkChoice
{
    /// <summary>Gets or sets the choice's position.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the new part of the message.</summary>
    public ChatMessageDelta Delta { get; set; } = new();

    /// <summary>Gets or sets why the model stopped; set on the choice's last chunk only.</summary>
    public ChatFinishReason? FinishReason { get; set; }
}
