namespace MythicDot.Messages;

/// <summary>A piece of a streamed content block (the <c>delta</c> of <see cref="ContentBlockDeltaEvent"/>); <see cref="Type"/> says which field is set.</summary>
public sealed class MessageContentDelta : ApiObject
{
    /// <summary>Gets or sets the kind of piece.</summary>
    public MessageContentDeltaType Type { get; init; }

    /// <summary>Gets or sets the text of a <see cref="MessageContentDeltaType.TextDelta"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the fragment of a <see cref="MessageContentDeltaType.InputJsonDelta"/>: the tool call's input JSON, a piece at a time
    /// (not valid JSON on its own).</summary>
    public string? PartialJson { get; init; }

    /// <summary>Gets or sets the thinking of a <see cref="MessageContentDeltaType.ThinkingDelta"/>.</summary>
    public string? Thinking { get; init; }

    /// <summary>Gets or sets the signature of a <see cref="MessageContentDeltaType.SignatureDelta"/>.</summary>
    public string? Signature { get; init; }
}
