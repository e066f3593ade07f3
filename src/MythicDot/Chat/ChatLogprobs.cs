namespace MythicDot.Chat;

/// <summary>The log probabilities of a choice's tokens (<c>choices[].logprobs</c>), sent when <see cref="ChatCompletionRequest.Logprobs"/> is set.</summary>
public sealed class ChatChoiceLogprobs : ApiObject
{
    /// <summary>Gets or sets the log probabilities of the content's tokens, in order.</summary>
    public IReadOnlyList<ChatTokenLogprob>? Content { get; init; }

    /// <summary>Gets or sets the log probabilities of the refusal's tokens, in order.</summary>
    public IReadOnlyList<ChatTokenLogprob>? Refusal { get; init; }
}

/// <summary>One token of the answer, how likely it was, and the likeliest alternatives.</summary>
public sealed class ChatTokenLogprob : ApiObject
{
    /// <summary>Gets or sets the token's text.</summary>
    public string Token
    {
        get => _token;
        init => _token = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _token = string.Empty;

    /// <summary>Gets or sets the token's log probability (natural log; 0 is certain).</summary>
    public double Logprob { get; init; }

    /// <summary>Gets or sets the token's UTF-8 bytes (each 0 to 255), for tokens that are not whole characters; <see langword="null"/> when the server sent none.</summary>
    public IReadOnlyList<int>? Bytes { get; init; }

    /// <summary>Gets or sets the likeliest tokens at this position, as many as <see cref="ChatCompletionRequest.TopLogprobs"/> asked.</summary>
    public IReadOnlyList<ChatTopLogprob>? TopLogprobs { get; init; }
}

/// <summary>One of the likeliest tokens at a position of the answer.</summary>
public sealed class ChatTopLogprob : ApiObject
{
    /// <summary>Gets or sets the token's text.</summary>
    public string Token
    {
        get => _token;
        init => _token = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _token = string.Empty;

    /// <summary>Gets or sets the token's log probability (natural log; 0 is certain).</summary>
    public double Logprob { get; init; }

    /// <summary>Gets or sets the token's UTF-8 bytes (each 0 to 255); <see langword="null"/> when the server sent none.</summary>
    public IReadOnlyList<int>? Bytes { get; init; }
}
