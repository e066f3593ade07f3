using System.Text.Json.Serialization;
using MythicDot.Chat;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>
/// One item of a response's input or output: a message, a function call, a function call's output, or reasoning. Items a
/// response returns can be sent back as input as they are; an item of a type the SDK does not know keeps its fields in
/// <see cref="ApiObject.AdditionalProperties"/>.
/// </summary>
public sealed class ResponseItem : ApiObject
{
    private string? _content;
    private IReadOnlyList<ResponseContentPart>? _contentParts;

    /// <summary>Gets or sets the kind of item.</summary>
    public ResponseItemType Type { get; init; }

    /// <summary>Gets or sets the item's id (items the server made); <see langword="null"/> on an item the caller builds.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets where an output item stands.</summary>
    public ResponseStatus? Status { get; init; }

    /// <summary>Gets or sets the author of a <see cref="ResponseItemType.Message"/> item.</summary>
    public ChatRole? Role { get; init; }

    /// <summary>Gets or sets a message's content as plain text; a message the model wrote comes as <see cref="ContentParts"/>.</summary>
    [JsonIgnore]
    public string? Content
    {
        get => _content;
        init => _content = value;
    }

    /// <summary>Gets or sets a message's content as parts (<c>output_text</c> and <c>refusal</c> from the model; <c>input_text</c>
    /// and <c>input_image</c> from the caller).</summary>
    [JsonIgnore]
    public IReadOnlyList<ResponseContentPart>? ContentParts
    {
        get => _contentParts;
        init => _contentParts = value;
    }

    [JsonPropertyName("content")]
    [JsonInclude]
    [JsonConverter(typeof(ResponseItemContentConverter))]
    internal TextOrParts<ResponseContentPart>? WireContent
    {
        get => TextOrParts<ResponseContentPart>.From(_content, _contentParts);
        set
        {
            _content = value?.Text;
            _contentParts = value?.Parts;
        }
    }

    /// <summary>Gets or sets the call id of a <see cref="ResponseItemType.FunctionCall"/> or <see cref="ResponseItemType.FunctionCallOutput"/> item.</summary>
    public string? CallId { get; init; }

    /// <summary>Gets or sets the function a <see cref="ResponseItemType.FunctionCall"/> item calls.</summary>
    public string? Name { get; init; }

    /// <summary>Gets or sets the arguments of a <see cref="ResponseItemType.FunctionCall"/>, as the JSON string the model wrote.</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets or sets the result a <see cref="ResponseItemType.FunctionCallOutput"/> item carries, usually JSON.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the text of a message item: its content, or its <c>output_text</c>/<c>input_text</c> parts joined.</summary>
    [JsonIgnore]
    public string Text => _content ?? string.Concat((_contentParts ?? []).Where(p => p is not null && (p.Type == ResponseContentPartType.OutputText || p.Type == ResponseContentPartType.InputText)).Select(p => p.Text));

    /// <summary>Creates a <c>user</c> message.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>The item.</returns>
    public static ResponseItem UserMessage(string text) => Message(ChatRole.User, text);

    /// <summary>Creates a <c>user</c> message of parts (text and images).</summary>
    /// <param name="parts">The parts, in order: <see cref="ResponseContentPart.InputTextPart"/>, <see cref="ResponseContentPart.InputImagePart"/>.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException">There are no parts, or one is null.</exception>
    public static ResponseItem UserMessage(IEnumerable<ResponseContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0 || list.Contains(null!))
        {
            throw new ArgumentException("A message of parts needs at least one part, none null.", nameof(parts));
        }

        return new() { Type = ResponseItemType.Message, Role = ChatRole.User, ContentParts = list };
    }

    /// <summary>Creates a <c>developer</c> message: instructions, weighed above the user's.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>The item.</returns>
    public static ResponseItem DeveloperMessage(string text) => Message(ChatRole.Developer, text);

    /// <summary>Creates an <c>assistant</c> message, for example an earlier answer replayed without <see cref="ResponseRequest.PreviousResponseId"/>.</summary>
    /// <param name="text">The answer.</param>
    /// <returns>The item.</returns>
    public static ResponseItem AssistantMessage(string text) => Message(ChatRole.Assistant, text);

    /// <summary>Creates the output of a function call the model made.</summary>
    /// <param name="callId">The <see cref="CallId"/> of the <see cref="ResponseItemType.FunctionCall"/> item answered.</param>
    /// <param name="output">The function's result, usually JSON.</param>
    /// <returns>The item.</returns>
    public static ResponseItem FunctionCallOutput(string callId, string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentNullException.ThrowIfNull(output);
        return new() { Type = ResponseItemType.FunctionCallOutput, CallId = callId, Output = output };
    }

    private static ResponseItem Message(ChatRole role, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Type = ResponseItemType.Message, Role = role, Content = text };
    }
}

/// <summary>Reads and writes a response item's <c>content</c>: a string, or an array of <see cref="ResponseContentPart"/>s.</summary>
internal sealed class ResponseItemContentConverter : TextOrPartsConverter<ResponseContentPart>
{
    protected override System.Text.Json.Serialization.Metadata.JsonTypeInfo<IReadOnlyList<ResponseContentPart>> PartsInfo =>
        ResponsesJsonContext.Default.IReadOnlyListResponseContentPart;

    protected override string Owner => "A response item's content";
}
