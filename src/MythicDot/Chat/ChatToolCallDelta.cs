namespace MythicDot.Chat;

/// <summary>A fragment of a tool call in a streamed chunk: the first carries id and name, later ones more of the arguments.</summary>
public sealed class ChatToolCallDelta : ApiObject
{
    /// <summary>Gets or sets which tool call of the message this fragment belongs to.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the call id (first fragment only).</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the tool type (first fragment only).</summary>
    public string? Type { get; init; }

    /// <summary>Gets or sets the function name and the next piece of the arguments.</summary>
    public ChatFunctionCallDelta? Function { get; init; }
}
