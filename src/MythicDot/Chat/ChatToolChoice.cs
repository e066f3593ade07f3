using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Chat;

/// <summary>Whether and which tool the model must call: <c>none</c>, <c>auto</c>, <c>required</c>, or one named function.</summary>
[JsonConverter(typeof(ChatToolChoiceConverter))]
public sealed class ChatToolChoice
{
    private ChatToolChoice(ChatToolChoiceMode? mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    /// <summary>Gets the choice that forbids tool calls.</summary>
    public static ChatToolChoice None { get; } = new(ChatToolChoiceMode.None, null);

    /// <summary>Gets the choice that lets the model decide (the API's default when tools are given).</summary>
    public static ChatToolChoice Auto { get; } = new(ChatToolChoiceMode.Auto, null);

    /// <summary>Gets the choice that makes the model call at least one tool.</summary>
    public static ChatToolChoice Required { get; } = new(ChatToolChoiceMode.Required, null);

    /// <summary>Gets the mode (<c>none</c>, <c>auto</c>, <c>required</c>, or one the SDK does not know), or <see langword="null"/> when one function is forced.</summary>
    public ChatToolChoiceMode? Mode { get; }

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

    /// <summary>Creates the choice for <paramref name="mode"/>, including a mode the SDK does not know.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The choice.</returns>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is the default (empty) value.</exception>
    public static ChatToolChoice ForMode(ChatToolChoiceMode mode)
    {
        if (mode.Value.Length == 0)
        {
            throw new ArgumentException("The tool choice mode is empty; use ChatToolChoiceMode.None, Auto, Required or new ChatToolChoiceMode(\"...\").", nameof(mode));
        }

        return mode == ChatToolChoiceMode.None ? None
            : mode == ChatToolChoiceMode.Auto ? Auto
            : mode == ChatToolChoiceMode.Required ? Required
            : new ChatToolChoice(mode, null);
    }

    /// <inheritdoc />
    public override string ToString() => Mode is { } mode ? mode.Value : "function:" + FunctionName;
}

/// <summary>Reads and writes <see cref="ChatToolChoice"/> as a string or a function object.</summary>
internal sealed class ChatToolChoiceConverter : JsonConverter<ChatToolChoice>
{
    public override ChatToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var mode = reader.GetString();
            if (string.IsNullOrWhiteSpace(mode))
            {
                throw new JsonException("A tool choice string must not be empty.");
            }

            return ChatToolChoice.ForMode(new ChatToolChoiceMode(mode));
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
        if (value.Mode is { } mode)
        {
            writer.WriteStringValue(mode.Value);
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
