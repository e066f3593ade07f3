namespace MythicDot.Chat;

/// <summary>What one choice adds in a streamed chunk.</summary>
public sealed class ChatChunkChoice : ApiObject
{
    // Created on first read, so that deserializing each chunk (which sets the delta) does not build one to throw away.
    private ChatMessageDelta? _delta;

    /// <summary>Gets or sets the choice's position.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the new part of the message.</summary>
    public ChatMessageDelta Delta
    {
        get => _delta ??= new();
        init => _delta = value;
    }

    /// <summary>Gets or sets why the model stopped; set on the choice's last chunk only.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets or sets the log probabilities of this chunk's tokens; <see langword="null"/> unless <see cref="ChatCompletionRequest.Logprobs"/> asked for them.</summary>
    public ChatChoiceLogprobs? Logprobs { get; init; }
}
