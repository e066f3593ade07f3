using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Chat;

/// <summary>The shape the answer must take: free text, any JSON object, or JSON matching a schema.</summary>
public sealed class ChatResponseFormat
{
    /// <summary>Gets or sets the format type: <see cref="ChatResponseFormatType.Text"/> (the default), <see cref="ChatResponseFormatType.JsonObject"/>, <see cref="ChatResponseFormatType.JsonSchema"/>, or one the SDK does not know.</summary>
    public ChatResponseFormatType Type { get; set; } = ChatResponseFormatType.Text;

    /// <summary>Gets or sets the schema, for <c>json_schema</c>.</summary>
    [JsonPropertyName("json_schema")]
    public ChatJsonSchema? JsonSchema { get; set; }

    /// <summary>Gets a format that asks for plain text.</summary>
    public static ChatResponseFormat Text => new() { Type = ChatResponseFormatType.Text };

    /// <summary>Gets a format that asks for a JSON object.</summary>
    public static ChatResponseFormat JsonObject => new() { Type = ChatResponseFormatType.JsonObject };

    /// <summary>Creates a format that asks for JSON matching <paramref name="schema"/>.</summary>
    /// <param name="name">A name for the schema.</param>
    /// <param name="schema">The JSON Schema.</param>
    /// <param name="strict">Whether the model must follow the schema exactly.</param>
    /// <param name="description">What the answer is, for the model.</param>
    /// <returns>The format.</returns>
    public static ChatResponseFormat ForJsonSchema(string name, JsonElement schema, bool? strict = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Type = ChatResponseFormatType.JsonSchema, JsonSchema = new ChatJsonSchema { Name = name, Schema = schema, Strict = strict, Description = description } };
    }
}
