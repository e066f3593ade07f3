using System.Text.Json;

namespace MythicDot.Chat;

/// <summary>A named JSON Schema for <see cref="ChatResponseFormat.ForJsonSchema"/>.</summary>
public sealed class ChatJsonSchema
{
    /// <summary>Gets or sets the schema's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what the answer is, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON Schema.</summary>
    public JsonElement Schema { get; set; }

    /// <summary>Gets or sets whether the model must follow the schema exactly.</summary>
    public bool? Strict { get; set; }
}
