namespace MythicDot.Messages;

/// <summary>The token counts of a <see cref="MessageDeltaEvent"/>: the output so far, and the input counts when the server repeats them.</summary>
public sealed class MessageDeltaUsage : ApiObject
{
    /// <summary>Gets or sets the output tokens, thinking included: the total so far.</summary>
    public int OutputTokens { get; init; }

    /// <summary>Gets or sets the input tokens, when the server sends them again.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Gets or sets the input tokens written to the prompt cache, when the server sends them.</summary>
    public int? CacheCreationInputTokens { get; init; }

    /// <summary>Gets or sets the input tokens read from the prompt cache, when the server sends them.</summary>
    public int? CacheReadInputTokens { get; init; }
}
