using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Messages;

/// <summary>A request for <c>POST /messages/count_tokens</c>: the tokens a <see cref="MessageRequest"/> with this input would count, without running the model.</summary>
public sealed class MessageCountTokensRequest
{
    /// <summary>Initializes a new instance of the <see cref="MessageCountTokensRequest"/> class; set <see cref="Model"/> and <see cref="Messages"/>.</summary>
    public MessageCountTokensRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MessageCountTokensRequest"/> class with the input of <paramref name="request"/>:
    /// its model, system prompt, messages and tools.</summary>
    /// <param name="request">The request to count; the lists are shared, not copied.</param>
    public MessageCountTokensRequest(MessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Model = request.Model;
        System = request.System;
        SystemBlocks = request.SystemBlocks;
        Messages = request.Messages;
        Tools = request.Tools;
    }

    /// <summary>Gets or sets the model id, for example <c>mythic-4</c> (required).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the system prompt as text; <see langword="null"/> for none, or when it is sent as <see cref="SystemBlocks"/>.</summary>
    [JsonIgnore]
    public string? System { get; set; }

    /// <summary>Gets or sets the system prompt as text blocks; <see langword="null"/> when it is the text of <see cref="System"/>.</summary>
    [JsonIgnore]
    public IList<MessageContentBlock>? SystemBlocks { get; set; }

    /// <summary>The wire's <c>system</c>: a string, or an array of text blocks.</summary>
    [JsonPropertyName("system")]
    [JsonInclude]
    [JsonConverter(typeof(MessageContentConverter))]
    internal MessageContent? WireSystem
    {
        get => MessageContent.Of(System, SystemBlocks);
        set
        {
            System = value?.Text;
            SystemBlocks = value?.Blocks?.ToList();
        }
    }

    /// <summary>Gets or sets the conversation (required, at least one message).</summary>
    public IList<MessageParam> Messages { get; set; } = [];

    /// <summary>Gets or sets the tools the model would be offered; their definitions count too.</summary>
    public IList<MessageTool>? Tools { get; set; }

    /// <summary>Gets or sets fields the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    internal static readonly string[] TypedNames = ["model", "system", "messages", "tools"];

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(MessageCountTokensRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Owner = nameof(MessageCountTokensRequest);
        MessageRules.Model(request.Model, Owner);
        MessageRules.System(request.System, request.SystemBlocks, Owner);
        MessageRules.Messages(request.Messages, Owner);
        MessageRules.Tools(request.Tools, null, Owner);
        MessageRules.AdditionalProperties(request.AdditionalProperties, TypedNames, Owner, streaming: null);
    }
}
