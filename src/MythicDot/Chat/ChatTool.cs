using System.Text.Json;

namespace MythicDot.Chat;

/// <summary>A tool the model may call: a function with a JSON Schema for its parameters.</summary>
public sealed class ChatTool
{
    /// <summary>Gets or sets the kind of tool; <c>function</c> is the only one the API documents.</summary>
    public string Type { get; set; } = "function";

    /// <summary>Gets or sets the function.</summary>
    public ChatFunctionDefinition Function { get; set; } = new();

    /// <summary>Creates a function tool that takes no arguments.</summary>
    /// <param name="name">The function name the model will call.</param>
    /// <returns>The tool.</returns>
    public static ChatTool CreateFunction(string name) => CreateFunction(name, null, (JsonElement?)null);

    /// <summary>Creates a function tool that takes no arguments, with a description.</summary>
    /// <param name="name">The function name the model will call.</param>
    /// <param name="description">What the function does, for the model.</param>
    /// <returns>The tool.</returns>
    public static ChatTool CreateFunction(string name, string? description) => CreateFunction(name, description, (JsonElement?)null);

    /// <summary>Creates a function tool.</summary>
    /// <param name="name">The function name the model will call.</param>
    /// <param name="description">What the function does, for the model.</param>
    /// <param name="parameters">A JSON Schema for the arguments, or <see langword="null"/> for none.</param>
    /// <returns>The tool.</returns>
    public static ChatTool CreateFunction(string name, string? description, JsonElement? parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Function = new ChatFunctionDefinition { Name = name, Description = description, Parameters = parameters } };
    }

    /// <summary>Creates a function tool with its JSON Schema given as text.</summary>
    /// <param name="name">The function name the model will call.</param>
    /// <param name="description">What the function does, for the model.</param>
    /// <param name="parametersJsonSchema">A JSON Schema for the arguments.</param>
    /// <returns>The tool.</returns>
    /// <exception cref="ArgumentException">The schema is not valid JSON.</exception>
    public static ChatTool CreateFunction(string name, string? description, string parametersJsonSchema)
    {
        ArgumentNullException.ThrowIfNull(parametersJsonSchema);
        JsonElement schema;
        try
        {
            using var document = JsonDocument.Parse(parametersJsonSchema);
            schema = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new ArgumentException("The parameters schema is not valid JSON: " + exception.Message, nameof(parametersJsonSchema), exception);
        }

        return CreateFunction(name, description, schema);
    }
}
