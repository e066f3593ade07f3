namespace MythicDot.Chat;

/// <summary>The function a tool call names, with its arguments.</summary>
public sealed class ChatFunctionCall : ApiObject
{
    /// <summary>Gets or sets the function name.</summary>
    public string Name
    {
        get => _name;
        init => _name = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _name = string.Empty;

    /// <summary>Gets or sets the arguments as the JSON string the model wrote; see <see cref="ChatToolCall.ParseArguments"/>.</summary>
    public string Arguments
    {
        get => _arguments;
        init => _arguments = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _arguments = string.Empty;
}
