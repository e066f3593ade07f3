namespace MythicDot.Chat;

/// <summary>The function a tool call names, with its arguments.</summary>
public sealed class ChatFunctionCall
{
    /// <summary>Gets or sets the function name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the arguments as the JSON string the model wrote; see <see cref="ChatToolCall.ParseArguments"/>.</summary>
    public string Arguments { get; set; } = string.Empty;
}
