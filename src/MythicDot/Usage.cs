namespace MythicDot;

/// <summary>Token counts of a call.</summary>
public sealed class Usage : ApiObject
{
    /// <summary>Gets or sets the tokens in the input.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Gets or sets the tokens in the output (0 for embeddings).</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Gets or sets the total.</summary>
    public int TotalTokens { get; init; }

    /// <summary>Gets or sets the breakdown of <see cref="PromptTokens"/> (cached and audio tokens), when the server sends it.</summary>
    public PromptTokensDetails? PromptTokensDetails { get; init; }

    /// <summary>Gets or sets the breakdown of <see cref="CompletionTokens"/> (reasoning, audio and predicted tokens), when the server sends it.</summary>
    public CompletionTokensDetails? CompletionTokensDetails { get; init; }
}

/// <summary>What the prompt's tokens were (<c>usage.prompt_tokens_details</c>).</summary>
public sealed class PromptTokensDetails : ApiObject
{
    /// <summary>Gets or sets the prompt tokens served from the prompt cache (billed at the cached rate).</summary>
    public int? CachedTokens { get; init; }

    /// <summary>Gets or sets the prompt tokens that were audio.</summary>
    public int? AudioTokens { get; init; }
}

/// <summary>What the completion's tokens were (<c>usage.completion_tokens_details</c>).</summary>
public sealed class CompletionTokensDetails : ApiObject
{
    /// <summary>Gets or sets the tokens the model spent reasoning, which the answer does not show but are billed.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets or sets the completion tokens that were audio.</summary>
    public int? AudioTokens { get; init; }

    /// <summary>Gets or sets the tokens of a <see cref="Chat.ChatCompletionRequest.Prediction"/> that appeared in the answer.</summary>
    public int? AcceptedPredictionTokens { get; init; }

    /// <summary>Gets or sets the tokens of a <see cref="Chat.ChatCompletionRequest.Prediction"/> that did not appear in the answer (billed as completion tokens).</summary>
    public int? RejectedPredictionTokens { get; init; }
}
