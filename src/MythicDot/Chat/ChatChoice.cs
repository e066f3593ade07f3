namespace MythicDot.Chat;

/// <summary>One answer of a chat completion.</summary>
public sealed class ChatChoice : ApiObject
{
    // Created on first read, so that deserializing (which sets the message) does not build one to throw away.
    private ChatMessage? _message;

    /// <summary>Gets or sets the choice's position.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the assistant's message.</summary>
    public ChatMessage Message
    {
        get => _message ??= new() { Role = ChatRole.Assistant };
        init => _message = value;
    }

    /// <summary>Gets or sets why the model stopped; <see langword="null"/> when the API did not say.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets or sets the log probabilities of the answer's tokens; <see langword="null"/> unless <see cref="ChatCompletionRequest.Logprobs"/> asked for them.</summary>
    public ChatChoiceLogprobs? Logprobs { get; init; }
}
