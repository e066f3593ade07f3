using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>One message of a conversation: sent in a request, or returned as the model's reply.</summary>
public sealed class ChatMessage
{
    /// <summary>Gets or sets who wrote the message.</summary>
    public ChatRole Role { get; init; }

    /// <summary>Gets or sets the text. <see langword="null"/> in an assistant reply that only calls tools.</summary>
    public string? Content { get; init; }

    /// <summary>Gets or sets an optional name for the author, to tell participants of the same role apart.</summary>
    public string? Name { get; init; }

    /// <summary>Gets or sets the tool calls of an assistant message.</summary>
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>Gets or sets, on a <c>tool</c> message, the id of the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Gets the fields the SDK does not model; they are sent, and kept when received.</summary>
    /// <remarks>Read-only once built; set it in an object initializer (a test's fake, for example).</remarks>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties
    {
        get => ExtensionData;
        init => ExtensionData = ExtensionFields.From(value);
    }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Creates a <c>system</c> message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static ChatMessage System(string content) => new() { Role = ChatRole.System, Content = RequireText(content) };

    /// <summary>Creates a <c>user</c> message.</summary>
    /// <param name="content">The user's text.</param>
    /// <returns>The message.</returns>
    public static ChatMessage User(string content) => new() { Role = ChatRole.User, Content = RequireText(content) };

    /// <summary>Creates an <c>assistant</c> message, for example an earlier reply or one that called tools.</summary>
    /// <param name="content">The text, or <see langword="null"/> when the message only calls tools.</param>
    /// <param name="toolCalls">The tool calls the assistant made, if any.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Assistant(string? content, IEnumerable<ChatToolCall>? toolCalls = null)
    {
        var calls = toolCalls?.ToList();
        if (content is null && (calls is null || calls.Count == 0))
        {
            throw new ArgumentException("An assistant message needs content or at least one tool call.", nameof(content));
        }

        return new() { Role = ChatRole.Assistant, Content = content, ToolCalls = calls };
    }

    /// <summary>Creates a <c>tool</c> message: the result of the tool call <paramref name="toolCallId"/>.</summary>
    /// <param name="toolCallId">The <see cref="ChatToolCall.Id"/> being answered.</param>
    /// <param name="content">The tool's result, usually JSON.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Tool(string toolCallId, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolCallId);
        return new() { Role = ChatRole.Tool, ToolCallId = toolCallId, Content = RequireText(content) };
    }

    private static string RequireText(string content, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(content))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(content, name);
        return content;
    }
}
