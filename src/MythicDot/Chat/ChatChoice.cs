namespace MythicDot;

/// <summary>One answer of a chat completion.</summary>
public sealed class ChatChoice
{
    /// <summary>Gets or sets the choice's position.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the assistant's message.</summary>
    public ChatMessage Message { get; set; } = new() { Role = ChatRole.Assistant };

    /// <summary>Gets or sets why the model stopped; <see langword="null"/> when the API did not say.</summary>
    public ChatFinishReason? FinishReason { get; set; }
}
