namespace MythicDot.Chat;

/// <summary>The part of an assistant message that one streamed chunk adds.</summary>
public sealed class ChatMessageDelta : ApiObject
{
    /// <summary>Gets or sets the role; sent on the first chunk only.</summary>
    public ChatRole? Role { get; init; }

    /// <summary>Gets or sets the next piece of text, if any.</summary>
    public string? Content { get; init; }

    /// <summary>Gets or sets the next piece of a refusal (the model's explanation of why it declined), if any.</summary>
    public string? Refusal { get; init; }

    /// <summary>Gets or sets fragments of tool calls; join them by <see cref="ChatToolCallDelta.Index"/>.</summary>
    public IReadOnlyList<ChatToolCallDelta>? ToolCalls { get; init; }
}
