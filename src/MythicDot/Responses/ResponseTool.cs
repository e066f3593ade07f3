using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Responses;

/// <summary>A tool the model may call, in the Responses API's flat shape: <c>{"type":"function","name",...,"parameters"}</c>.</summary>
public sealed class ResponseTool
{
    /// <summary>Gets or sets the kind of tool; <c>function</c>, the one the API documents.</summary>
    public string Type { get; set; } = "function";

    /// <summary>Gets or sets the function's name (required), which the model's <see cref="ResponseItem.Name"/> repeats.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets what the function does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON Schema of the arguments.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Gets or sets whether the model must follow the schema exactly.</summary>
    public bool? Strict { get; set; }

    /// <summary>Gets or sets fields the SDK does not type yet; they are sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a function tool.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="description">What it does, for the model; <see langword="null"/> for none.</param>
    /// <param name="parametersJsonSchema">The JSON Schema of its arguments, as JSON text; <see langword="null"/> for none.</param>
    /// <returns>The tool.</returns>
    /// <exception cref="ArgumentException">The name is empty or the schema is not valid JSON.</exception>
    public static ResponseTool CreateFunction(string name, string? description = null, string? parametersJsonSchema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        JsonElement? parameters = null;
        if (parametersJsonSchema is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(parametersJsonSchema);
                parameters = document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new ArgumentException($"The parameters schema of '{name}' is not valid JSON: {exception.Message}", nameof(parametersJsonSchema), exception);
            }
        }

        return new() { Name = name, Description = description, Parameters = parameters };
    }
}
