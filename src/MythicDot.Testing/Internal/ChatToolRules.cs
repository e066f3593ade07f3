using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>When the emulator's model calls a tool, and with which arguments.</summary>
/// <remarks>
/// <para>Which tool: <c>tool_choice</c> <c>"none"</c> never calls one; a named function is always called; <c>"required"</c> calls the
/// first tool the last user message names, else the first tool. Otherwise (<c>"auto"</c> or absent) a tool is called when the
/// conversation ends with a user message that names one of the offered functions as a whole word (case-insensitive); the first
/// such tool in <c>tools</c> order wins.</para>
/// <para>Arguments: an object with one member per name in the function schema's <c>required</c> list, in that order, filled from
/// the last user message: an <c>enum</c> takes the first of its values the message contains (else its first value); a
/// <c>string</c> (or untyped) property takes the message's next proper noun (a capitalised word, or run of them, that does not
/// start a sentence: <c>Paris</c>, <c>New York</c>), and the whole message when none is left; <c>integer</c> and <c>number</c>
/// take its next number (else 0); <c>boolean</c> is <see langword="false"/>, <c>array</c> <c>[]</c>, <c>object</c> <c>{}</c>.
/// A schema without <c>required</c> gives <c>{}</c>.</para>
/// </remarks>
internal static class ChatToolRules
{
    private static readonly char[] WordPunctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '{', '}', '«', '»', '“', '”', '‘', '’'];

    /// <summary>Checks <c>tool_choice</c> against the tools offered.</summary>
    public static EmulatorError? Validate(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var tools = Tools(root);
        if (choice.ValueKind == JsonValueKind.String)
        {
            if (choice.ValueEquals("none") || choice.ValueEquals("auto"))
            {
                return null;
            }

            return choice.ValueEquals("required")
                ? tools.Count > 0 ? null : Invalid("'tool_choice' is \"required\" but no 'tools' were given.")
                : Invalid("'tool_choice' must be \"none\", \"auto\", \"required\" or {\"type\":\"function\",\"function\":{\"name\":...}}.");
        }

        if (ForcedName(choice) is not { } name)
        {
            return Invalid("'tool_choice' must be \"none\", \"auto\", \"required\" or {\"type\":\"function\",\"function\":{\"name\":...}}.");
        }

        return tools.Exists(tool => tool.Name == name) ? null : Invalid($"'tool_choice' names the function '{name}', which is not in 'tools'.");
    }

    /// <summary>Decides whether the reply calls a tool.</summary>
    /// <param name="root">The request.</param>
    /// <param name="endsWithUser">Whether the conversation's last message is a user message.</param>
    /// <param name="prompt">The last user message's text.</param>
    /// <returns>The function to call and its arguments as JSON, or <see langword="null"/> for a text reply.</returns>
    public static (string Name, string Arguments)? Choose(JsonElement root, bool endsWithUser, string prompt)
    {
        var tools = Tools(root);
        if (tools.Count == 0)
        {
            return null;
        }

        root.TryGetProperty("tool_choice", out var choice);
        if (choice.ValueKind == JsonValueKind.String && choice.ValueEquals("none"))
        {
            return null;
        }

        var forced = ForcedName(choice);
        var chosen = forced is not null ? tools.Find(tool => tool.Name == forced)
            : choice.ValueKind == JsonValueKind.String && choice.ValueEquals("required") ? tools.Find(tool => Names(prompt, tool.Name)) ?? tools[0]
            : endsWithUser ? tools.Find(tool => Names(prompt, tool.Name))
            : null;
        return chosen is null ? null : (chosen.Name, Arguments(chosen.Parameters, prompt));
    }

    /// <summary>Gets the function name of a tool definition, or null when it has none.</summary>
    public static string? ToolName(JsonElement tool) =>
        tool.ValueKind == JsonValueKind.Object
        && tool.TryGetProperty("function", out var function)
        && function.ValueKind == JsonValueKind.Object
        && function.TryGetProperty("name", out var name)
        && name.ValueKind == JsonValueKind.String
        && name.GetString() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>Builds the arguments object from the schema's required properties and the prompt (see the class remarks).</summary>
    internal static string Arguments(JsonElement parameters, string prompt)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                parameters.TryGetProperty("properties", out var properties);
                var nouns = new Queue<string>(ProperNouns(prompt));
                var numbers = new Queue<double>(Numbers(prompt));
                foreach (var item in required.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    var name = item.GetString()!;
                    var schema = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var property) ? property : default;
                    writer.WritePropertyName(name);
                    WriteValue(writer, schema, prompt, nouns, numbers);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement schema, string prompt, Queue<string> nouns, Queue<double> numbers)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values)
            && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            var match = values.EnumerateArray().FirstOrDefault(v => v.ValueKind == JsonValueKind.String && prompt.Contains(v.GetString()!, StringComparison.OrdinalIgnoreCase));
            (match.ValueKind == JsonValueKind.Undefined ? values[0] : match).WriteTo(writer);
            return;
        }

        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
            ? typeElement.GetString()
            : "string";
        switch (type)
        {
            case "integer":
                writer.WriteNumberValue(numbers.TryDequeue(out var integer) ? (long)Math.Truncate(integer) : 0);
                break;
            case "number":
                writer.WriteNumberValue(numbers.TryDequeue(out var number) ? number : 0);
                break;
            case "boolean":
                writer.WriteBooleanValue(false);
                break;
            case "array":
                writer.WriteStartArray();
                writer.WriteEndArray();
                break;
            case "object":
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(nouns.TryDequeue(out var noun) ? noun : prompt.Trim());
                break;
        }
    }

    /// <summary>Capitalised words that do not start a sentence, consecutive ones joined: "What's the weather in New York?" gives "New York".</summary>
    internal static List<string> ProperNouns(string text)
    {
        var nouns = new List<string>();
        var sentenceStart = true;
        var joinable = false;
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim(WordPunctuation);
            var qualifies = !sentenceStart && word.Length > 1 && char.IsUpper(word[0]);
            if (qualifies && joinable)
            {
                nouns[^1] += " " + word;
            }
            else if (qualifies)
            {
                nouns.Add(word);
            }

            // A word with trailing punctuation ends a run of capitalised words ("Paris, London" are two).
            joinable = qualifies && raw.EndsWith(word, StringComparison.Ordinal);
            sentenceStart = raw.EndsWith('.') || raw.EndsWith('?') || raw.EndsWith('!');
        }

        return nouns;
    }

    private static IEnumerable<double> Numbers(string text)
    {
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (double.TryParse(raw.Trim(WordPunctuation), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                yield return number;
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="name"/> as a whole word, ignoring case.</summary>
    internal static bool Names(string text, string name)
    {
        for (var start = 0; (start = text.IndexOf(name, start, StringComparison.OrdinalIgnoreCase)) >= 0; start++)
        {
            var end = start + name.Length;
            if ((start == 0 || !IsNameChar(text[start - 1])) && (end == text.Length || !IsNameChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static string? ForcedName(JsonElement choice) =>
        choice.ValueKind == JsonValueKind.Object
        && choice.TryGetProperty("function", out var function)
        && function.ValueKind == JsonValueKind.Object
        && function.TryGetProperty("name", out var name)
        && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static List<Tool> Tools(JsonElement root)
    {
        var tools = new List<Tool>();
        if (root.TryGetProperty("tools", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in array.EnumerateArray())
            {
                if (ToolName(tool) is { } name)
                {
                    var function = tool.GetProperty("function");
                    tools.Add(new Tool(name, function.TryGetProperty("parameters", out var parameters) ? parameters : default));
                }
            }
        }

        return tools;
    }

    private static EmulatorError Invalid(string message) => EmulatorError.Invalid(ErrorCodes.ParameterInvalid, message, "tool_choice");

    private sealed record Tool(string Name, JsonElement Parameters);
}
