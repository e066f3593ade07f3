using System.Text.Json;

namespace MythicDot.Realtime;

/// <summary>A function the model may call in a realtime session, in the flat shape of the realtime API
/// (<c>{"type":"function","name",...}</c>, not chat's nested <c>function</c> object).</summary>
public sealed class RealtimeTool : ApiObject
{
    /// <summary>Gets or sets the kind of tool, <c>function</c>.</summary>
    public string Type { get; init; } = "function";

    /// <summary>Gets or sets the function's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets or sets what the function does, for the model.</summary>
    public string? Description { get; init; }

    /// <summary>Gets or sets the JSON Schema of the function's arguments.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>Creates a function tool.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="description">What the function does, for the model.</param>
    /// <param name="parametersJsonSchema">The JSON Schema of its arguments, as JSON text.</param>
    /// <returns>The tool.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    /// <exception cref="JsonException"><paramref name="parametersJsonSchema"/> is not JSON.</exception>
    public static RealtimeTool CreateFunction(string name, string? description, string parametersJsonSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parametersJsonSchema);
        using var schema = JsonDocument.Parse(parametersJsonSchema);
        return new RealtimeTool { Name = name, Description = description, Parameters = schema.RootElement.Clone() };
    }
}
