namespace MythicDot;

/// <summary>Token counts of a call.</summary>
public sealed class Usage
{
    /// <summary>Gets or sets the tokens in the input.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Gets or sets the tokens in the output (0 for embeddings).</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Gets or sets the total.</summary>
    public int TotalTokens { get; init; }
}
