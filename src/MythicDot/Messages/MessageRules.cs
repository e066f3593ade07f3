using System.Text.Json;

namespace MythicDot.Messages;

/// <summary>The documented rules that <see cref="MessageRequest"/> and <see cref="MessageCountTokensRequest"/> share, checked before sending.</summary>
/// <remarks>Each error names the field (<c>MessageRequest.Messages[1].ContentBlocks[0]</c>) and is thrown for the parameter <c>request</c>.</remarks>
#pragma warning disable CA2208 // The errors name 'request', the parameter of the public method that validates.
internal static class MessageRules
{
    private const string Request = "request";

    public static void Model(string? model, string owner)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException($"{owner}.Model is required (for example \"mythic-4\").", Request);
        }
    }

    public static void System(string? text, IList<MessageContentBlock>? blocks, string owner)
    {
        if (blocks is null)
        {
            return;
        }

        if (text is not null)
        {
            throw new ArgumentException($"{owner} sets both System and SystemBlocks; set one.", Request);
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not { } block || block.Type != MessageContentBlockType.Text || block.Text is null)
            {
                throw new ArgumentException($"{owner}.SystemBlocks[{i}] is not a text block; use MessageContentBlock.CreateText(text).", Request);
            }
        }
    }

    public static void Messages(IList<MessageParam>? messages, string owner)
    {
        if (messages is null || messages.Count == 0)
        {
            throw new ArgumentException($"{owner}.Messages needs at least one message.", Request);
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var name = $"{owner}.Messages[{i}]";
            var message = messages[i] ?? throw new ArgumentException(name + " is null.", Request);
            if (message.Role.Value.Length == 0)
            {
                throw new ArgumentException(name + " has no Role; use MessageParam.User(...) or MessageParam.Assistant(...).", Request);
            }

            if (message.ContentBlocks is { } blocks)
            {
                if (message.Content is not null)
                {
                    throw new ArgumentException(name + " sets both Content and ContentBlocks; set one.", Request);
                }

                Blocks(blocks, name + ".ContentBlocks");
            }
            else if (message.Content is null)
            {
                throw new ArgumentException(name + " has no Content or ContentBlocks.", Request);
            }
        }
    }

    public static void Tools(IList<MessageTool>? tools, MessageToolChoice? choice, string owner)
    {
        if (tools is not null)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i] ?? throw new ArgumentException($"{owner}.Tools[{i}] is null.", Request);
                if (string.IsNullOrWhiteSpace(tool.Name))
                {
                    throw new ArgumentException($"{owner}.Tools[{i}] has no Name.", Request);
                }

                if (tool.InputSchema.ValueKind != JsonValueKind.Object)
                {
                    throw new ArgumentException($"{owner}.Tools[{i}] ('{tool.Name}') needs an InputSchema that is a JSON object, for example {{\"type\":\"object\",\"properties\":{{}}}}.", Request);
                }
            }
        }

        if (choice is null)
        {
            return;
        }

        if (choice.Type.Value.Length == 0)
        {
            throw new ArgumentException($"{owner}.ToolChoice.Type is empty; use MessageToolChoice.Auto, Any, None or ForTool(name).", Request);
        }

        if (choice.Type == MessageToolChoiceType.Tool && (choice.Name is null || tools is null || !tools.Any(t => t?.Name == choice.Name)))
        {
            throw new ArgumentException($"{owner}.ToolChoice forces the tool '{choice.Name}', which is not in {owner}.Tools.", Request);
        }

        if (choice.Type == MessageToolChoiceType.Any && tools is not { Count: > 0 })
        {
            throw new ArgumentException($"{owner}.ToolChoice is 'any' but {owner}.Tools is empty.", Request);
        }
    }

    /// <summary>Refuses an extra field that a typed property (or the SDK) sends.</summary>
    /// <param name="properties">The request's <c>AdditionalProperties</c>.</param>
    /// <param name="typedNames">The JSON names the typed properties send.</param>
    /// <param name="owner">The request type, for the message.</param>
    /// <param name="streaming">Whether the method called streams; <see langword="null"/> for an operation that never does.</param>
    public static void AdditionalProperties(IDictionary<string, JsonElement>? properties, string[] typedNames, string owner, bool? streaming)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var name in properties.Keys)
        {
            if (name == "stream" && streaming is { } streams)
            {
                throw new ArgumentException($"{owner}.AdditionalProperties has 'stream', which the SDK sets from the method called: call {(streams ? "CreateStreamingAsync" : "CreateStreamingAsync to stream, CreateAsync for one answer")} and leave it out.", Request);
            }

            if (Array.IndexOf(typedNames, name) >= 0)
            {
                throw new ArgumentException($"{owner}.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", Request);
            }
        }
    }

    private static void Blocks(IList<MessageContentBlock> blocks, string name)
    {
        if (blocks.Count == 0)
        {
            throw new ArgumentException(name + " is empty.", Request);
        }

        for (var j = 0; j < blocks.Count; j++)
        {
            var block = blocks[j] ?? throw new ArgumentException($"{name}[{j}] is null.", Request);
            var type = block.Type;
            var problem = type.Value.Length == 0 ? "has no Type; use the MessageContentBlock.Create... methods"
                : type == MessageContentBlockType.Text && block.Text is null ? "is a text block without Text"
                : type == MessageContentBlockType.Image && block.Source is null ? "is an image block without a Source"
                : type == MessageContentBlockType.ToolUse && (string.IsNullOrEmpty(block.Id) || string.IsNullOrEmpty(block.Name) || block.Input is not { ValueKind: JsonValueKind.Object })
                    ? "is a tool_use block without an Id, a Name and an Input object"
                : type == MessageContentBlockType.ToolResult && string.IsNullOrEmpty(block.ToolUseId) ? "is a tool_result block without a ToolUseId"
                : type == MessageContentBlockType.Thinking && (block.Thinking is null || block.Signature is null) ? "is a thinking block without its Thinking and Signature"
                : type == MessageContentBlockType.RedactedThinking && block.Data is null ? "is a redacted_thinking block without its Data"
                : null;
            if (problem is not null)
            {
                throw new ArgumentException($"{name}[{j}] {problem}.", Request);
            }
        }
    }
}
#pragma warning restore CA2208
