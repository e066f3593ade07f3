using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Messages;

/// <summary>A tool the model may call: a name, what it does, and a JSON Schema for its input.</summary>
public sealed class MessageTool
{
    /// <summary>Gets or sets the tool's name, which the model's <see cref="MessageContentBlockType.ToolUse"/> blocks name (required).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what the tool does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON Schema of the tool's input, an object schema (required).</summary>
    public JsonElement InputSchema { get; set; }

    /// <summary>Gets or sets fields of a tool the SDK does not type (<c>cache_control</c>, ...); they are sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a tool with its input schema given as JSON text.</summary>
    /// <param name="name">The tool's name.</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="inputJsonSchema">A JSON Schema of the input, for example
    /// <c>{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}</c>.</param>
    /// <returns>The tool.</returns>
    /// <exception cref="ArgumentException">The name is empty, or the schema is not valid JSON.</exception>
    public static MessageTool Create(string name, string? description, string inputJsonSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(inputJsonSchema);
        try
        {
            using var document = JsonDocument.Parse(inputJsonSchema);
            return new() { Name = name, Description = description, InputSchema = document.RootElement.Clone() };
        }
        catch (JsonException exception)
        {
            throw new ArgumentException("The input schema is not valid JSON: " + exception.Message, nameof(inputJsonSchema), exception);
        }
    }
}
