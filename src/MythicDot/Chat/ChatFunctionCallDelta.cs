namespace MythicDot.Chat;

/// <summary>A fragment of a function call: the name (first fragment) and the next piece of the JSON arguments.</summary>
public sealed class ChatFunctionCallDelta : ApiObject
{
    /// <summary>Gets or sets the function name (first fragment only).</summary>
    public string? Name { get; init; }

    /// <summary>Gets or sets the next piece of the arguments' JSON text.</summary>
    public string? Arguments { get; init; }
}
