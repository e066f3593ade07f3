using System.Text.Json.Serialization;

namespace MythicDot.Messages;

/// <summary>The response of <c>POST /messages</c>: the model's turn, as content blocks.</summary>
public sealed class Message : ApiResponse
{
    private IReadOnlyList<MessageContentBlock> _content = [];
    private IReadOnlyList<MessageContentBlock>? _toolUses;

    /// <summary>Gets or sets the message id, for example <c>msg_01...</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the object type, <c>message</c>.</summary>
    public string Type
    {
        get => _type;
        init => _type = value ?? "message";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _type = "message";

    /// <summary>Gets or sets who wrote it: <see cref="MessageRole.Assistant"/>.</summary>
    public MessageRole Role { get; init; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string Model
    {
        get => _model;
        init => _model = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _model = string.Empty;

    /// <summary>Gets or sets the content blocks, in order: thinking first when it was on, then text and tool calls.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no blocks. A block of a kind the SDK does not know is kept as it came.</remarks>
    public IReadOnlyList<MessageContentBlock> Content
    {
        get => _content;
        init
        {
            _content = value ?? [];
            _toolUses = null;
        }
    }

    /// <summary>Gets or sets why the model stopped; <see langword="null"/> in the <c>message_start</c> event of a stream.</summary>
    public MessageStopReason? StopReason { get; init; }

    /// <summary>Gets or sets the stop sequence the model wrote, when <see cref="StopReason"/> is <see cref="MessageStopReason.StopSequence"/>.</summary>
    public string? StopSequence { get; init; }

    /// <summary>Gets or sets the token counts.</summary>
    public MessageUsage? Usage { get; init; }

    /// <summary>Gets the text of every <see cref="MessageContentBlockType.Text"/> block, joined; empty when there is none.</summary>
    [JsonIgnore]
    public string Text => Join(MessageContentBlockType.Text);

    /// <summary>Gets the thinking of every <see cref="MessageContentBlockType.Thinking"/> block, joined; empty when thinking was off.</summary>
    [JsonIgnore]
    public string Thinking => Join(MessageContentBlockType.Thinking);

    /// <summary>Gets the <see cref="MessageContentBlockType.ToolUse"/> blocks, in order: the tool calls to answer, each with its
    /// <see cref="MessageContentBlock.Id"/>, <see cref="MessageContentBlock.Name"/> and <see cref="MessageContentBlock.Input"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<MessageContentBlock> ToolUses => _toolUses ??= _content.Where(b => b?.Type == MessageContentBlockType.ToolUse).ToList();

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;

    internal override Usage? TelemetryUsage => Usage is { } usage ? MessageUsage.ForTelemetry(usage.InputTokens, usage.OutputTokens) : null;

    private string Join(MessageContentBlockType type)
    {
        string? single = null;
        System.Text.StringBuilder? joined = null;
        foreach (var block in _content)
        {
            if (block is null || block.Type != type || (type == MessageContentBlockType.Text ? block.Text : block.Thinking) is not { } text)
            {
                continue;
            }

            if (single is null)
            {
                single = text;
            }
            else
            {
                (joined ??= new System.Text.StringBuilder(single)).Append(text);
            }
        }

        return joined?.ToString() ?? single ?? string.Empty;
    }
}
