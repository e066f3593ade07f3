namespace MythicDot.Messages;

/// <summary>The token counts of a message (<c>usage</c>).</summary>
public sealed class MessageUsage : ApiObject
{
    /// <summary>Gets or sets the input tokens (system prompt, messages and tools), cached ones excluded.</summary>
    public int InputTokens { get; init; }

    /// <summary>Gets or sets the output tokens, thinking included.</summary>
    public int OutputTokens { get; init; }

    /// <summary>Gets or sets the input tokens written to the prompt cache, when the server says.</summary>
    public int? CacheCreationInputTokens { get; init; }

    /// <summary>Gets or sets the input tokens read from the prompt cache, when the server says.</summary>
    public int? CacheReadInputTokens { get; init; }

    /// <summary>The counts as telemetry records them.</summary>
    internal static Usage ForTelemetry(int input, int output) => new() { PromptTokens = input, CompletionTokens = output, TotalTokens = input + output };
}
