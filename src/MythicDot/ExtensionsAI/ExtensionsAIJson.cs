using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace MythicDot.ExtensionsAI;

/// <summary>
/// Converts the <see cref="object"/> values of Microsoft.Extensions.AI (function arguments and results, additional
/// properties) to and from JSON with <see cref="AIJsonUtilities.DefaultOptions"/>' contracts, so that trimming and AOT stay safe.
/// </summary>
internal static class ExtensionsAIJson
{
    // AIJsonUtilities.DefaultOptions writes indented JSON; arguments and results travel inside a JSON string, so keep them compact.
    private static readonly JsonSerializerOptions s_options = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private static JsonTypeInfo<IDictionary<string, object?>> ArgumentsTypeInfo =>
        (JsonTypeInfo<IDictionary<string, object?>>)s_options.GetTypeInfo(typeof(IDictionary<string, object?>));

    /// <summary>Writes function-call arguments as the JSON object text the API expects (<c>{}</c> for none).</summary>
    public static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, ArgumentsTypeInfo);

    /// <summary>Reads the JSON object text of a model's function call; values become <see cref="JsonElement"/>.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static IDictionary<string, object?>? ParseArguments(string json) =>
        string.IsNullOrWhiteSpace(json) ? new Dictionary<string, object?>() : JsonSerializer.Deserialize(json, ArgumentsTypeInfo);

    /// <summary>Writes a function result as tool-message content: a string as it is, anything else as JSON.</summary>
    public static string SerializeResult(object? result) =>
        result as string ?? JsonSerializer.Serialize(result, s_options.GetTypeInfo(result?.GetType() ?? typeof(object)));

    /// <summary>Converts Microsoft.Extensions.AI additional properties into the JSON fields a request sends, keeping any the request already has.</summary>
    public static IDictionary<string, JsonElement>? MergeInto(IDictionary<string, JsonElement>? target, AdditionalPropertiesDictionary? source)
    {
        if (source is null || source.Count == 0)
        {
            return target;
        }

        target ??= new Dictionary<string, JsonElement>();
        foreach (var pair in source)
        {
            if (!target.ContainsKey(pair.Key))
            {
                target.Add(pair.Key, ToElement(pair.Value));
            }
        }

        return target;
    }

    /// <summary>Exposes a response's unmodelled fields as Microsoft.Extensions.AI additional properties.</summary>
    public static AdditionalPropertiesDictionary? ToAdditionalProperties(IReadOnlyDictionary<string, JsonElement>? source)
    {
        if (source is null || source.Count == 0)
        {
            return null;
        }

        var result = new AdditionalPropertiesDictionary();
        foreach (var pair in source)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    private static JsonElement ToElement(object? value) => value switch
    {
        JsonElement element => element,
        null => JsonSerializer.SerializeToElement(null, s_options.GetTypeInfo(typeof(object))),
        _ => JsonSerializer.SerializeToElement(value, s_options.GetTypeInfo(value.GetType())),
    };
}
