using System.Text.Json;

namespace MythicDot.Chat;

/// <summary>A function offered to the model as a tool.</summary>
public sealed class ChatFunctionDefinition
{
    /// <summary>Gets or sets the function name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what the function does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON Schema of the arguments.</summary>
    public JsonElement? Parameters { get; set; }
}
