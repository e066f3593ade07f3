using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Chat;

/// <summary>Whether and which tool the model must call: <c>none</c>, <c>auto</c>, <c>required</c>, or one named function.</summary>
[JsonConverter(typeof(ChatToolChoiceConverter))]
public sealed class ChatToolChoice
{
    private ChatToolChoice(string? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    /// <summary>Gets the choice that forbids tool calls.</summary>
    public static ChatToolChoice None { get; } = new("none", null);

    /// <summary>Gets the choice that lets the model decide (the API's default when tools are given).</summary>
    public static ChatToolChoice Auto { get; } = new("auto", null);

    /// <summary>Gets the choice that makes the model call at least one tool.</summary>
    public static ChatToolChoice Required { get; } = new("required", null);

    /// <summary>Gets the mode (<c>none</c>, <c>auto</c>, <c>required</c>), or <see langword="null"/> when one function is forced.</summary>
    public string? Mode { get; }

    /// <summary>Gets the forced function's name, or <see langword="null"/>.</summary>
    public string? FunctionName { get; }

    /// <summary>Creates the choice that forces the model to call <paramref name="name"/>.</summary>
    /// <param name="name">The function name.</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice ForFunction(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(null, name);
    }

    /// <inheritdoc />
    public override string ToString() => Mode ?? "function:" + FunctionName;

    internal static ChatToolChoice FromMode(string mode) => mode switch
    {
        "none" => None,
        "auto" => Auto,
        "required" => Required,
        _ => new ChatToolChoice(mode, null),
    };
}

/// <summary>Reads and writes <see cref="ChatToolChoice"/> as a string or a function object.</summary>
internal sealed class ChatToolChoiceConverter : JsonConverter<ChatToolChoice>
{
    public override ChatToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return ChatToolChoice.FromMode(reader.GetString()!);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String)
        {
            return ChatToolChoice.ForFunction(name.GetString()!);
        }

        throw new JsonException("Expected a tool choice string or {\"type\":\"function\",\"function\":{\"name\":...}}.");
    }

    public override void Write(Utf8JsonWriter writer, ChatToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", "function");
        writer.WriteStartObject("function");
        writer.WriteString("name", value.FunctionName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
