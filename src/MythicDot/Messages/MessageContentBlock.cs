using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Messages;

/// <summary>One block of a message's content: text, an image, a tool call and its result, or the model's thinking. Sent in a
/// request, and returned in <see cref="Message.Content"/>; a block of a kind the SDK does not know keeps its fields in
/// <see cref="ApiObject.AdditionalProperties"/> and is sent back as it came.</summary>
/// <remarks>One type for every kind, with the fields of each kind typed: <see cref="Type"/> says which are set. Build one with the
/// <c>Create...</c> methods; replay a reply's blocks (thinking and its signature included) with <see cref="MessageParam.Assistant(IEnumerable{MessageContentBlock})"/>.</remarks>
public sealed class MessageContentBlock : ApiObject
{
    /// <summary>Gets or sets the kind of block.</summary>
    public MessageContentBlockType Type { get; init; }

    /// <summary>Gets or sets the text of a <see cref="MessageContentBlockType.Text"/> block.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the image of an <see cref="MessageContentBlockType.Image"/> block.</summary>
    public MessageImageSource? Source { get; init; }

    /// <summary>Gets or sets the id of a <see cref="MessageContentBlockType.ToolUse"/> block, which its tool result names (<c>toolu_...</c>).</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the name of the tool a <see cref="MessageContentBlockType.ToolUse"/> block calls.</summary>
    public string? Name { get; init; }

    /// <summary>Gets or sets the input of a <see cref="MessageContentBlockType.ToolUse"/> block: a JSON object that the tool's
    /// <see cref="MessageTool.InputSchema"/> describes.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Gets or sets, on a <see cref="MessageContentBlockType.ToolResult"/> block, the <see cref="Id"/> of the tool call it answers.</summary>
    public string? ToolUseId { get; init; }

    /// <summary>Gets or sets the text of a <see cref="MessageContentBlockType.ToolResult"/> block; <see langword="null"/> when its
    /// content is <see cref="ContentBlocks"/>.</summary>
    [JsonIgnore]
    public string? Content { get; init; }

    /// <summary>Gets or sets the content of a <see cref="MessageContentBlockType.ToolResult"/> block as blocks (text and images);
    /// <see langword="null"/> when it is the text of <see cref="Content"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<MessageContentBlock>? ContentBlocks { get; init; }

    /// <summary>The wire's <c>content</c>: a string, or an array of blocks.</summary>
    [JsonPropertyName("content")]
    [JsonInclude]
    [JsonConverter(typeof(MessageContentConverter))]
    internal MessageContent? WireContent
    {
        get => MessageContent.Of(Content, ContentBlocks);
        init
        {
            Content = value?.Text;
            ContentBlocks = value?.Blocks;
        }
    }

    /// <summary>Gets or sets whether a <see cref="MessageContentBlockType.ToolResult"/> block reports that the tool failed.</summary>
    public bool? IsError { get; init; }

    /// <summary>Gets or sets the text of a <see cref="MessageContentBlockType.Thinking"/> block.</summary>
    public string? Thinking { get; init; }

    /// <summary>Gets or sets the signature of a <see cref="MessageContentBlockType.Thinking"/> block, which the API checks when the block is sent back.</summary>
    public string? Signature { get; init; }

    /// <summary>Gets or sets the encrypted thinking of a <see cref="MessageContentBlockType.RedactedThinking"/> block.</summary>
    public string? Data { get; init; }

    /// <summary>Creates a text block.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The block.</returns>
    public static MessageContentBlock CreateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Type = MessageContentBlockType.Text, Text = text };
    }

    /// <summary>Creates an image block that carries the image itself, base64-encoded.</summary>
    /// <param name="bytes">The image file's bytes.</param>
    /// <param name="mediaType">The image's media type: <c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c> or <c>image/webp</c>.</param>
    /// <returns>The block.</returns>
    /// <exception cref="ArgumentException">The bytes are empty, or the media type is not an image type.</exception>
    public static MessageContentBlock CreateImageFromBytes(ReadOnlyMemory<byte> bytes, string mediaType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("The image has no bytes.", nameof(bytes));
        }

        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.Length == "image/".Length)
        {
            throw new ArgumentException($"'{mediaType}' is not an image media type; use image/png, image/jpeg, image/gif or image/webp.", nameof(mediaType));
        }

#if NET
        var base64 = Convert.ToBase64String(bytes.Span);
#else
        var base64 = Convert.ToBase64String(bytes.ToArray());
#endif
        return new()
        {
            Type = MessageContentBlockType.Image,
            Source = new MessageImageSource { Type = MessageImageSourceType.Base64, MediaType = mediaType.ToLowerInvariant(), Data = base64 },
        };
    }

    /// <summary>Creates an image block that the API fetches from a URL.</summary>
    /// <param name="url">An absolute <c>https</c> or <c>http</c> URL of the image.</param>
    /// <returns>The block.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static MessageContentBlock CreateImageFromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"An image URL must be an absolute https or http URL (was '{url}'); send the bytes with CreateImageFromBytes(bytes, mediaType) instead.", nameof(url));
        }

        return new() { Type = MessageContentBlockType.Image, Source = new MessageImageSource { Type = MessageImageSourceType.Url, Url = url.AbsoluteUri } };
    }

    /// <summary>Creates a tool call block, as the model writes one (to replay a conversation built by hand).</summary>
    /// <param name="id">The call's id, which the tool result names.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="input">The input: a JSON object.</param>
    /// <returns>The block.</returns>
    public static MessageContentBlock CreateToolUse(string id, string name, JsonElement input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new() { Type = MessageContentBlockType.ToolUse, Id = id, Name = name, Input = input };
    }

    /// <summary>Creates the result of a tool call, to send in a user message.</summary>
    /// <param name="toolUseId">The <see cref="Id"/> of the tool call being answered.</param>
    /// <param name="content">The tool's result, usually JSON.</param>
    /// <param name="isError">Whether the tool failed (<paramref name="content"/> then says how).</param>
    /// <returns>The block.</returns>
    public static MessageContentBlock CreateToolResult(string toolUseId, string content, bool isError = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolUseId);
        ArgumentNullException.ThrowIfNull(content);
        return new() { Type = MessageContentBlockType.ToolResult, ToolUseId = toolUseId, Content = content, IsError = isError ? true : null };
    }

    /// <summary>Creates the result of a tool call as blocks (text and images), to send in a user message.</summary>
    /// <param name="toolUseId">The <see cref="Id"/> of the tool call being answered.</param>
    /// <param name="content">The result's blocks.</param>
    /// <returns>The block.</returns>
    /// <remarks>For a failed tool, set <see cref="IsError"/> in an object initializer, or send the error as text with <see cref="CreateToolResult(string, string, bool)"/>.</remarks>
    public static MessageContentBlock CreateToolResult(string toolUseId, IEnumerable<MessageContentBlock> content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolUseId);
        ArgumentNullException.ThrowIfNull(content);
        return new() { Type = MessageContentBlockType.ToolResult, ToolUseId = toolUseId, ContentBlocks = content.ToList() };
    }

    /// <summary>Creates a thinking block, as the model writes one (to replay a conversation built by hand).</summary>
    /// <param name="thinking">The thinking text.</param>
    /// <param name="signature">The signature the API gave it.</param>
    /// <returns>The block.</returns>
    public static MessageContentBlock CreateThinking(string thinking, string signature)
    {
        ArgumentNullException.ThrowIfNull(thinking);
        ArgumentNullException.ThrowIfNull(signature);
        return new() { Type = MessageContentBlockType.Thinking, Thinking = thinking, Signature = signature };
    }

    /// <summary>Creates a redacted thinking block (to replay a conversation built by hand).</summary>
    /// <param name="data">The encrypted thinking, as the API returned it.</param>
    /// <returns>The block.</returns>
    public static MessageContentBlock CreateRedactedThinking(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new() { Type = MessageContentBlockType.RedactedThinking, Data = data };
    }
}
