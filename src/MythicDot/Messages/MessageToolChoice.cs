namespace MythicDot.Messages;

/// <summary>How the model may use the tools of a request: <see cref="Auto"/>, <see cref="Any"/>, one named tool, or <see cref="None"/>.</summary>
public sealed class MessageToolChoice
{
    /// <summary>Gets the choice that lets the model decide (the API's default when tools are given).</summary>
    public static MessageToolChoice Auto => new() { Type = MessageToolChoiceType.Auto };

    /// <summary>Gets the choice that makes the model call one of the tools, whichever it picks.</summary>
    public static MessageToolChoice Any => new() { Type = MessageToolChoiceType.Any };

    /// <summary>Gets the choice that forbids tool calls.</summary>
    public static MessageToolChoice None => new() { Type = MessageToolChoiceType.None };

    /// <summary>Gets or sets the mode.</summary>
    public MessageToolChoiceType Type { get; set; }

    /// <summary>Gets or sets the tool a <see cref="MessageToolChoiceType.Tool"/> choice forces; one of the request's tools.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets whether the model must call at most one tool per reply (for <see cref="MessageToolChoiceType.Auto"/>,
    /// <see cref="MessageToolChoiceType.Any"/> and <see cref="MessageToolChoiceType.Tool"/>).</summary>
    /// <value>The default is <see langword="null"/>: the API's default, several calls allowed.</value>
    public bool? DisableParallelToolUse { get; set; }

    /// <summary>Creates the choice that forces the model to call the tool <paramref name="name"/>.</summary>
    /// <param name="name">The tool's name.</param>
    /// <returns>The choice.</returns>
    public static MessageToolChoice ForTool(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Type = MessageToolChoiceType.Tool, Name = name };
    }
}
