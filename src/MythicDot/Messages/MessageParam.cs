using System.Text.Json.Serialization;

namespace MythicDot.Messages;

/// <summary>One message of the conversation sent in a <see cref="MessageRequest"/>: a user turn or an earlier assistant turn.</summary>
/// <remarks>Tool results go in a user message (<see cref="MessageContentBlock.CreateToolResult(string, string, bool)"/>); an assistant
/// reply goes back as its blocks (<see cref="Assistant(Message)"/>), thinking blocks and their signatures included.</remarks>
public sealed class MessageParam
{
    /// <summary>Gets or sets who wrote the message: <see cref="MessageRole.User"/> or <see cref="MessageRole.Assistant"/>.</summary>
    public MessageRole Role { get; set; }

    /// <summary>Gets or sets the text; <see langword="null"/> when the content is sent as <see cref="ContentBlocks"/>. Set one of the two.</summary>
    [JsonIgnore]
    public string? Content { get; set; }

    /// <summary>Gets or sets the content as blocks (text, images, tool calls and results, thinking); <see langword="null"/> when it is
    /// the text of <see cref="Content"/>.</summary>
    [JsonIgnore]
    public IList<MessageContentBlock>? ContentBlocks { get; set; }

    /// <summary>The wire's <c>content</c>: a string, or an array of blocks.</summary>
    [JsonPropertyName("content")]
    [JsonInclude]
    [JsonConverter(typeof(MessageContentConverter))]
    internal MessageContent? WireContent
    {
        get => MessageContent.Of(Content, ContentBlocks);
        set
        {
            Content = value?.Text;
            ContentBlocks = value?.Blocks?.ToList();
        }
    }

    /// <summary>Creates a user message.</summary>
    /// <param name="content">The user's text.</param>
    /// <returns>The message.</returns>
    public static MessageParam User(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new() { Role = MessageRole.User, Content = content };
    }

    /// <summary>Creates a user message of blocks: text and images, or the results of the model's tool calls.</summary>
    /// <param name="content">The blocks, in order.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">There are no blocks, or one is null.</exception>
    public static MessageParam User(IEnumerable<MessageContentBlock> content) => new() { Role = MessageRole.User, ContentBlocks = Blocks(content) };

    /// <summary>Creates an assistant message: an earlier reply, or text for the model to continue from.</summary>
    /// <param name="content">The text.</param>
    /// <returns>The message.</returns>
    public static MessageParam Assistant(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new() { Role = MessageRole.Assistant, Content = content };
    }

    /// <summary>Creates an assistant message of blocks, for example a reply's <see cref="Message.Content"/> sent back with the results of its tool calls.</summary>
    /// <param name="content">The blocks, in order, thinking blocks included.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">There are no blocks, or one is null.</exception>
    public static MessageParam Assistant(IEnumerable<MessageContentBlock> content) => new() { Role = MessageRole.Assistant, ContentBlocks = Blocks(content) };

    /// <summary>Creates the assistant message that replays a reply: its content blocks as they came, thinking and signatures included.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>The message.</returns>
    public static MessageParam Assistant(Message reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Assistant(reply.Content);
    }

    private static List<MessageContentBlock> Blocks(IEnumerable<MessageContentBlock> content, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(content))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(content, name);
        var list = content.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A message of blocks needs at least one block.", name);
        }

        var missing = list.IndexOf(null!);
        if (missing >= 0)
        {
            throw new ArgumentException($"Block {missing} is null.", name);
        }

        return list;
    }
}
