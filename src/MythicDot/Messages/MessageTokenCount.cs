namespace MythicDot.Messages;

/// <summary>The response of <c>POST /messages/count_tokens</c>.</summary>
public sealed class MessageTokenCount : ApiResponse
{
    /// <summary>Gets or sets the tokens the input would count: system prompt, messages and tools.</summary>
    public int InputTokens { get; init; }
}
