using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>One message of a conversation: sent in a request, or returned as the model's reply.</summary>
public sealed class ChatMessage : ApiObject
{
    /// <summary>Gets or sets who wrote the message.</summary>
    public ChatRole Role { get; init; }

    private string? _content;
    private IReadOnlyList<ChatContentPart>? _contentParts;

    /// <summary>Gets or sets the text. <see langword="null"/> in an assistant reply that only calls tools or refuses, and in a
    /// message whose content is sent as <see cref="ContentParts"/>.</summary>
    [JsonIgnore]
    public string? Content
    {
        get => _content;
        init => _content = value;
    }

    /// <summary>Gets or sets the content as parts (text and images, for a vision model); <see langword="null"/> when the content is
    /// the plain text of <see cref="Content"/>. Set one of the two.</summary>
    /// <remarks>Build a message with parts with <see cref="User(IEnumerable{ChatContentPart})"/>.</remarks>
    [JsonIgnore]
    public IReadOnlyList<ChatContentPart>? ContentParts
    {
        get => _contentParts;
        init => _contentParts = value;
    }

    /// <summary>The wire's <c>content</c>: a string, or an array of parts.</summary>
    [JsonPropertyName("content")]
    [JsonInclude]
    [JsonConverter(typeof(ChatMessageContentConverter))]
    internal TextOrParts<ChatContentPart>? WireContent
    {
        get => TextOrParts<ChatContentPart>.From(_content, _contentParts);
        set
        {
            _content = value?.Text;
            _contentParts = value?.Parts;
        }
    }

    /// <summary>Gets or sets, in an assistant reply, the model's explanation of why it declined to answer; the content is then <see langword="null"/>.</summary>
    public string? Refusal { get; init; }

    /// <summary>Gets or sets an optional name for the author, to tell participants of the same role apart.</summary>
    public string? Name { get; init; }

    /// <summary>Gets or sets the tool calls of an assistant message.</summary>
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; init; }

    /// <summary>Gets or sets, on a <c>tool</c> message, the id of the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Creates a <c>system</c> message.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static ChatMessage System(string content) => new() { Role = ChatRole.System, Content = RequireText(content) };

    /// <summary>Creates a <c>developer</c> message: instructions from the application's developer, which newer models weigh as <c>system</c> ones.</summary>
    /// <param name="content">The instructions.</param>
    /// <returns>The message.</returns>
    public static ChatMessage Developer(string content) => new() { Role = ChatRole.Developer, Content = RequireText(content) };

    /// <summary>Creates a <c>user</c> message.</summary>
    /// <param name="content">The user's text.</param>
    /// <returns>The message.</returns>
    public static ChatMessage User(string content) => new() { Role = ChatRole.User, Content = RequireText(content) };

    /// <summary>Creates a <c>user</c> message of parts: text and images, for a vision model such as <c>mythic-4-vision</c>.</summary>
    /// <param name="parts">The parts, in order, for example
    /// <c>[ChatContentPart.CreateText("What is this?"), ChatContentPart.CreateImageFromFile("photo.jpg")]</c>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">There are no parts, or one is null.</exception>
    public static ChatMessage User(IEnumerable<ChatContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A message of parts needs at least one part.", nameof(parts));
        }

        var missing = list.IndexOf(null!);
        if (missing >= 0)
        {
            throw new ArgumentException($"Part {missing} is null.", nameof(parts));
        }

        return new() { Role = ChatRole.User, ContentParts = list };
    }

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
