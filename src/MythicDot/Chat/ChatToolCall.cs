using System.Text.Json;

namespace MythicDot.Chat;

/// <summary>A call the model asks the application to make to one of its tools.</summary>
public sealed class ChatToolCall : ApiObject
{
    /// <summary>Gets or sets the call's id; a <c>tool</c> message answers it with <see cref="ChatMessage.Tool"/>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the kind of tool; <c>function</c> is the only one the API documents. A call of another kind is kept as
    /// it came: its fields are in <see cref="ApiObject.AdditionalProperties"/> and <see cref="Function"/> is <see langword="null"/>.</summary>
    public string Type
    {
        get => _type;
        init => _type = value ?? "function";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _type = "function";

    /// <summary>Gets or sets the function to call and its arguments; <see langword="null"/> for a call that is not a function call
    /// (see <see cref="Type"/>), which the SDK never makes up.</summary>
    public ChatFunctionCall? Function { get; init; }

    /// <summary>Creates a function tool call, for example to replay an earlier assistant turn.</summary>
    /// <param name="id">The call id.</param>
    /// <param name="name">The function name.</param>
    /// <param name="arguments">The arguments as a JSON string.</param>
    /// <returns>The tool call.</returns>
    public static ChatToolCall CreateFunction(string id, string name, string arguments) =>
        new() { Id = id, Function = new ChatFunctionCall { Name = name, Arguments = arguments } };

    /// <summary>Parses <see cref="ChatFunctionCall.Arguments"/> as JSON.</summary>
    /// <returns>The arguments as a JSON element (an object for well-formed calls).</returns>
    /// <exception cref="FormatException">The model sent arguments that are not valid JSON.</exception>
    /// <exception cref="InvalidOperationException">The call is not a function call (<see cref="Function"/> is <see langword="null"/>).</exception>
    public JsonElement ParseArguments()
    {
        var function = Function ?? throw new InvalidOperationException($"Tool call '{Id}' is of type '{Type}', not a function call: it has no arguments to parse; its fields are in AdditionalProperties.");
        var text = string.IsNullOrWhiteSpace(function.Arguments) ? "{}" : function.Arguments;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The arguments of tool call '{Id}' ({function.Name}) are not valid JSON: {exception.Message}", exception);
        }
    }
}
