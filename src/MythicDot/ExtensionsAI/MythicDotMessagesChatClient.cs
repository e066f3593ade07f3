using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using MythicDot.Messages;
using AI = Microsoft.Extensions.AI;

namespace MythicDot.ExtensionsAI;

/// <summary>An <see cref="IChatClient"/> over <c>POST /messages</c>, where extended thinking lives; see
/// <see cref="Microsoft.Extensions.AI.MythicDotClientExtensions.AsMessagesChatClient"/> for the mapping.</summary>
internal sealed class MythicDotMessagesChatClient : IChatClient
{
    private const string RefusalCode = "Refusal";

    private readonly MythicDotClient _client;
    private readonly string _model;
    private readonly int _maxTokens;
    private readonly ChatClientMetadata _metadata;

    public MythicDotMessagesChatClient(MythicDotClient client, string model, int maxTokens)
    {
        _client = client;
        _model = model;
        _maxTokens = maxTokens;
        _metadata = new ChatClientMetadata(MythicDotClientExtensions.ProviderName, client.BaseUrl, model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var message = await _client.Messages.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        var reply = new AI.ChatMessage(AI.ChatRole.Assistant, [.. message.Content.Where(b => b is not null).SelectMany(ToContents)])
        {
            MessageId = message.Id,
            RawRepresentation = message,
        };
        return new ChatResponse(reply)
        {
            ResponseId = message.Id,
            ModelId = message.Model,
            FinishReason = ToFinishReason(message.StopReason),
            Usage = ToUsage(message.Usage?.InputTokens, message.Usage?.OutputTokens, message.Usage?.CacheReadInputTokens),
            AdditionalProperties = ExtensionsAIJson.ToAdditionalProperties(message.AdditionalProperties),
            RawRepresentation = message,
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Map before the first MoveNextAsync, so that an unsupported option throws at the call.
        var request = ToRequest(messages, options);
        return StreamAsync(_client.Messages.CreateStreamingAsync(request, cancellationToken), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    public void Dispose()
    {
        // The MythicDotClient belongs to the caller.
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IAsyncEnumerable<MessageStreamEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? id = null, model = null;
        int? inputTokens = null, cachedTokens = null;
        var tools = new Dictionary<int, (string Id, string Name, StringBuilder Json)>();
        await foreach (var streamEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate { Role = AI.ChatRole.Assistant, RawRepresentation = streamEvent };
            switch (streamEvent)
            {
                case MessageStartEvent { Message: { } start }:
                    (id, model) = (start.Id, start.Model);
                    (inputTokens, cachedTokens) = (start.Usage?.InputTokens, start.Usage?.CacheReadInputTokens);
                    break;
                case ContentBlockStartEvent { ContentBlock: { Type: var type } block } started when type == MessageContentBlockType.ToolUse:
                    tools[started.Index] = (block.Id ?? string.Empty, block.Name ?? string.Empty, new StringBuilder());
                    break;
                case ContentBlockDeltaEvent { Delta: { } delta } changed:
                    if (delta.Type == MessageContentDeltaType.TextDelta && !string.IsNullOrEmpty(delta.Text))
                    {
                        update.Contents.Add(new TextContent(delta.Text) { RawRepresentation = delta });
                    }
                    else if (delta.Type == MessageContentDeltaType.ThinkingDelta && !string.IsNullOrEmpty(delta.Thinking))
                    {
                        update.Contents.Add(new TextReasoningContent(delta.Thinking) { RawRepresentation = delta });
                    }
                    else if (delta.Type == MessageContentDeltaType.SignatureDelta && delta.Signature is { } signature)
                    {
                        update.Contents.Add(new TextReasoningContent(string.Empty) { ProtectedData = signature, RawRepresentation = delta });
                    }
                    else if (delta.Type == MessageContentDeltaType.InputJsonDelta && tools.TryGetValue(changed.Index, out var pending))
                    {
                        pending.Json.Append(delta.PartialJson);
                    }

                    break;
                case ContentBlockStopEvent stopped when tools.Remove(stopped.Index, out var tool):
                    update.Contents.Add(ToFunctionCall(tool.Id, tool.Name, tool.Json.Length == 0 ? "{}" : tool.Json.ToString(), streamEvent));
                    break;
                case MessageDeltaEvent changedMessage:
                    update.FinishReason = ToFinishReason(changedMessage.Delta?.StopReason);
                    if (ToUsage(changedMessage.Usage?.InputTokens ?? inputTokens, changedMessage.Usage?.OutputTokens, changedMessage.Usage?.CacheReadInputTokens ?? cachedTokens) is { } usage)
                    {
                        update.Contents.Add(new UsageContent(usage) { RawRepresentation = changedMessage.Usage });
                    }

                    break;
            }

            update.ResponseId = id;
            update.MessageId = id;
            update.ModelId = model;
            yield return update;
        }
    }

    private MessageRequest ToRequest(IEnumerable<AI.ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options is not null)
        {
            ThrowIfUnsupported(options);
        }

        var system = new List<string>();
        if (options?.Instructions is { } instructions)
        {
            system.Add(instructions);
        }

        var turns = new List<MessageParam>();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (message.Role == AI.ChatRole.System)
            {
                system.Add(message.Text);
                continue;
            }

            var blocks = new List<MessageContentBlock>();
            foreach (var content in message.Contents)
            {
                if (ToBlock(content, message.Role) is { } block)
                {
                    blocks.Add(block);
                }
            }

            if (blocks.Count == 0)
            {
                continue;
            }

            // A function result answers in a user turn, as the Messages API takes tool results.
            var role = message.Role == AI.ChatRole.Assistant ? MessageRole.Assistant : MessageRole.User;
            if (turns.Count > 0 && turns[^1].Role == role && turns[^1].ContentBlocks is { } previous)
            {
                foreach (var block in blocks)
                {
                    previous.Add(block);
                }
            }
            else
            {
                turns.Add(role == MessageRole.Assistant ? MessageParam.Assistant(blocks) : MessageParam.User(blocks));
            }
        }

        var maxTokens = options?.MaxOutputTokens ?? _maxTokens;
        var request = new MessageRequest
        {
            Model = options?.ModelId ?? _model,
            MaxTokens = maxTokens,
            System = system.Count == 0 ? null : string.Join("\n\n", system),
            Messages = turns,
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            TopK = options?.TopK,
            StopSequences = options?.StopSequences is { Count: > 0 } stop ? [.. stop] : null,
        };

        if (options?.Tools is { Count: > 0 } tools)
        {
            request.Tools = tools.Select(ToTool).ToList();
            request.ToolChoice = options.ToolMode switch
            {
                null => null,
                NoneChatToolMode => MessageToolChoice.None,
                AutoChatToolMode => MessageToolChoice.Auto,
                RequiredChatToolMode { RequiredFunctionName: { } name } => MessageToolChoice.ForTool(name),
                RequiredChatToolMode => MessageToolChoice.Any,
                var mode => throw new NotSupportedException($"The tool mode {mode.GetType().Name} is not supported."),
            };
        }

        if (options?.Reasoning is { Effort: { } effort })
        {
            request.Thinking = ThinkingFor(effort, options.MaxOutputTokens, request);
        }

        request.AdditionalProperties = ExtensionsAIJson.MergeInto(request.AdditionalProperties, options?.AdditionalProperties);
        return request;
    }

    /// <summary>Extended thinking for a reasoning effort: a budget of 1,024 (low), 4,096 (medium), 16,384 (high) or 32,768 (extra high)
    /// tokens; the answer keeps the client's default on top when the caller set no <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    private MessageThinkingConfig? ThinkingFor(ReasoningEffort effort, int? maxOutputTokens, MessageRequest request)
    {
        var budget = effort switch
        {
            ReasoningEffort.None => 0,
            ReasoningEffort.Low => 1024,
            ReasoningEffort.Medium => 4096,
            ReasoningEffort.High => 16384,
            _ => 32768,
        };
        if (budget == 0)
        {
            return MessageThinkingConfig.Disabled();
        }

        if (maxOutputTokens is { } max && budget >= max)
        {
            throw new NotSupportedException($"ChatOptions.Reasoning asks for a thinking budget of {budget} tokens, which does not fit in ChatOptions.MaxOutputTokens ({max}); the budget must be below it. Raise MaxOutputTokens or lower the effort.");
        }

        if (maxOutputTokens is null)
        {
            request.MaxTokens = budget + _maxTokens;
        }

        return MessageThinkingConfig.Enabled(budget);
    }

    private static MessageContentBlock? ToBlock(AIContent content, AI.ChatRole role) => content switch
    {
        TextContent text => string.IsNullOrEmpty(text.Text) ? null : MessageContentBlock.CreateText(text.Text),
        TextReasoningContent { ProtectedData: { } signature } reasoning when role == AI.ChatRole.Assistant => MessageContentBlock.CreateThinking(reasoning.Text, signature),
        TextReasoningContent => null, // thinking without its signature cannot be sent back; the API would refuse it
        DataContent data when data.HasTopLevelMediaType("image") => MessageContentBlock.CreateImageFromBytes(data.Data, data.MediaType),
        UriContent uri when uri.HasTopLevelMediaType("image") => MessageContentBlock.CreateImageFromUrl(uri.Uri),
        FunctionCallContent call => MessageContentBlock.CreateToolUse(call.CallId, call.Name, JsonDocument.Parse(ExtensionsAIJson.SerializeArguments(call.Arguments)).RootElement.Clone()),
        FunctionResultContent result => MessageContentBlock.CreateToolResult(result.CallId, result.Result as string ?? ExtensionsAIJson.SerializeResult(result.Result), result.Exception is not null),
        UsageContent => null,
        _ => throw new NotSupportedException(
            $"{content.GetType().Name} in a {role} message is not supported: the MythicDot messages API takes text, images, thinking, function calls and function results."),
    };

    private static IEnumerable<AIContent> ToContents(MessageContentBlock block)
    {
        if (block.Type == MessageContentBlockType.Text && !string.IsNullOrEmpty(block.Text))
        {
            yield return new TextContent(block.Text) { RawRepresentation = block };
        }
        else if (block.Type == MessageContentBlockType.Thinking)
        {
            yield return new TextReasoningContent(block.Thinking ?? string.Empty) { ProtectedData = block.Signature, RawRepresentation = block };
        }
        else if (block.Type == MessageContentBlockType.RedactedThinking)
        {
            yield return new TextReasoningContent(string.Empty) { ProtectedData = block.Data, RawRepresentation = block };
        }
        else if (block.Type == MessageContentBlockType.ToolUse)
        {
            yield return ToFunctionCall(block.Id ?? string.Empty, block.Name ?? string.Empty, block.Input?.GetRawText() ?? "{}", block);
        }
    }

    private static FunctionCallContent ToFunctionCall(string id, string name, string json, object raw)
    {
        var call = FunctionCallContent.CreateFromParsedArguments(json, id, name, ExtensionsAIJson.ParseArguments);
        call.RawRepresentation = raw;
        return call;
    }

    private static MessageTool ToTool(AITool tool) => tool switch
    {
        AIFunctionDeclaration function => MessageTool.Create(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description,
            function.JsonSchema.ValueKind == JsonValueKind.Undefined ? """{"type":"object"}""" : function.JsonSchema.GetRawText()),
        _ => throw new NotSupportedException($"The tool '{tool.Name}' ({tool.GetType().Name}) is not supported: the MythicDot messages API takes function tools (AIFunctionDeclaration) only."),
    };

    private static void ThrowIfUnsupported(ChatOptions options)
    {
        Throw(options.Seed, nameof(ChatOptions.Seed));
        Throw(options.FrequencyPenalty, nameof(ChatOptions.FrequencyPenalty));
        Throw(options.PresencePenalty, nameof(ChatOptions.PresencePenalty));
        Throw(options.ResponseFormat, nameof(ChatOptions.ResponseFormat));
        Throw(options.ConversationId, nameof(ChatOptions.ConversationId));

        static void Throw(object? value, string name)
        {
            if (value is not null)
            {
                throw new NotSupportedException($"ChatOptions.{name} is not supported by the MythicDot messages API; send a field the model accepts as ChatOptions.AdditionalProperties instead.");
            }
        }
    }

    private static AI.ChatFinishReason? ToFinishReason(MessageStopReason? reason) => reason switch
    {
        null => null,
        { } r when r == MessageStopReason.EndTurn || r == MessageStopReason.StopSequence => AI.ChatFinishReason.Stop,
        { } r when r == MessageStopReason.MaxTokens => AI.ChatFinishReason.Length,
        { } r when r == MessageStopReason.ToolUse => AI.ChatFinishReason.ToolCalls,
        { } r when r == MessageStopReason.Refusal => AI.ChatFinishReason.ContentFilter,
        { } r => new AI.ChatFinishReason(r.Value),
    };

    private static UsageDetails? ToUsage(int? input, int? output, int? cached) => input is null && output is null
        ? null
        : new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = (input ?? 0) + (output ?? 0), CachedInputTokenCount = cached };
}
