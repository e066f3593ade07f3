using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using AI = Microsoft.Extensions.AI;
using ChatFinishReason = MythicDot.Chat.ChatFinishReason;
using ChatMessage = MythicDot.Chat.ChatMessage;
using ChatResponseFormat = MythicDot.Chat.ChatResponseFormat;
using ChatRole = MythicDot.Chat.ChatRole;

namespace MythicDot.ExtensionsAI;

/// <summary>An <see cref="IChatClient"/> over <c>POST /chat/completions</c>; see <see cref="Microsoft.Extensions.AI.MythicDotClientExtensions.AsIChatClient"/> for the mapping.</summary>
internal sealed class MythicDotChatClient : IChatClient
{
    private readonly MythicDotClient _client;
    private readonly string _model;
    private readonly ChatClientMetadata _metadata;

    public MythicDotChatClient(MythicDotClient client, string model)
    {
        _client = client;
        _model = model;
        _metadata = new ChatClientMetadata(MythicDotClientExtensions.ProviderName, client.BaseUrl, model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options, streaming: false);
        var completion = await _client.Chat.Completions.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        return ToResponse(completion);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Map before the first MoveNextAsync, so that an unsupported option throws at the call, as the SDK's own validation does.
        var request = ToRequest(messages, options, streaming: true);
        return StreamAsync(_client.Chat.Completions.CreateStreamingAsync(request, cancellationToken), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    public void Dispose()
    {
        // The MythicDotClient belongs to the caller.
    }

    private ChatCompletionRequest ToRequest(IEnumerable<AI.ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = options?.RawRepresentationFactory?.Invoke(this) switch
        {
            null => new ChatCompletionRequest(),
            ChatCompletionRequest raw => raw,
            var other => throw new NotSupportedException(
                $"ChatOptions.RawRepresentationFactory returned {other.GetType()}; the MythicDot chat client takes a {typeof(ChatCompletionRequest)}."),
        };

        if (options is not null)
        {
            ThrowIfUnsupported(options);
        }

        // What a raw request from RawRepresentationFactory already sets wins over ChatOptions, as in other Microsoft.Extensions.AI clients.
        if (string.IsNullOrEmpty(request.Model))
        {
            request.Model = options?.ModelId ?? _model;
        }

        var target = request.Messages is List<ChatMessage> list ? list : new List<ChatMessage>(request.Messages ?? []);
        request.Messages = target;
        if (options?.Instructions is { } instructions)
        {
            target.Add(ChatMessage.System(instructions));
        }

        foreach (var message in messages)
        {
            AddMessages(target, message);
        }

        if (streaming)
        {
            // Microsoft.Extensions.AI callers expect a stream's usage (UsageContent): ask for the final usage chunk.
            request.StreamOptions ??= new ChatStreamOptions { IncludeUsage = true };
        }

        if (options is null)
        {
            return request;
        }

        request.Temperature ??= Widen(options.Temperature);
        request.TopP ??= Widen(options.TopP);
        request.MaxTokens ??= options.MaxOutputTokens;
        if (request.Stop is null && options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop = [.. stop];
        }

        if (request.Tools is null && options.Tools is { Count: > 0 } tools)
        {
            request.Tools = tools.Select(ToTool).ToList();
            request.ToolChoice ??= ToToolChoice(options.ToolMode);
        }

        request.ResponseFormat ??= ToResponseFormat(options.ResponseFormat);
        request.AdditionalProperties = ExtensionsAIJson.MergeInto(request.AdditionalProperties, options.AdditionalProperties);
        return request;
    }

    private static ChatResponse ToResponse(ChatCompletion completion)
    {
        var choice = completion.Choices.Where(c => c is not null).OrderBy(c => c.Index).FirstOrDefault();
        var message = new AI.ChatMessage(AI.ChatRole.Assistant, [])
        {
            MessageId = completion.Id,
            CreatedAt = ToCreatedAt(completion.Created),
            RawRepresentation = choice?.Message,
        };

        if (choice is not null)
        {
            message.Role = ToRole(choice.Message.Role);
            message.AuthorName = choice.Message.Name;
            message.AdditionalProperties = ExtensionsAIJson.ToAdditionalProperties(choice.Message.AdditionalProperties);
            if (!string.IsNullOrEmpty(choice.Message.Content))
            {
                message.Contents.Add(new TextContent(choice.Message.Content) { RawRepresentation = choice.Message });
            }

            foreach (var part in choice.Message.ContentParts ?? [])
            {
                if (part?.Type == ChatContentPartType.Text && !string.IsNullOrEmpty(part.Text))
                {
                    message.Contents.Add(new TextContent(part.Text) { RawRepresentation = part });
                }
            }

            if (!string.IsNullOrEmpty(choice.Message.Refusal))
            {
                message.Contents.Add(Refusal(choice.Message.Refusal, choice.Message));
            }

            foreach (var call in choice.Message.ToolCalls ?? [])
            {
                // A null entry or one without a function (which the API never sends) carries no call to make.
                if (call?.Function is { } function)
                {
                    message.Contents.Add(ToFunctionCall(call, function));
                }
            }
        }

        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = ToCreatedAt(completion.Created),
            FinishReason = ToFinishReason(choice?.FinishReason),
            Usage = ToUsageDetails(completion.Usage),
            AdditionalProperties = ExtensionsAIJson.ToAdditionalProperties(completion.AdditionalProperties),
            RawRepresentation = completion,
        };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IAsyncEnumerable<ChatCompletionChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Tool-call fragments are folded by the SDK's accumulator and surface whole, on the chunk that finishes the choice.
        var accumulator = new ChatCompletionAccumulator();
        var toolCallsPending = false;
        AI.ChatRole? role = null;
        ChatCompletionChunk? last = null;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            last = chunk;
            var update = NewUpdate(chunk);
            var choice = FirstChoice(chunk);
            if (choice is not null)
            {
                accumulator.Add(OnlyChoice(chunk, choice));
                if (choice.Delta.Role is { } deltaRole)
                {
                    role = ToRole(deltaRole);
                }

                if (!string.IsNullOrEmpty(choice.Delta.Content))
                {
                    update.Contents.Add(new TextContent(choice.Delta.Content) { RawRepresentation = choice.Delta });
                }

                if (!string.IsNullOrEmpty(choice.Delta.Refusal))
                {
                    update.Contents.Add(Refusal(choice.Delta.Refusal, choice.Delta));
                }

                toolCallsPending |= choice.Delta.ToolCalls is { Count: > 0 };
                if (choice.FinishReason is { } finish)
                {
                    update.FinishReason = ToFinishReason(finish);
                    if (toolCallsPending)
                    {
                        AddToolCalls(update, accumulator);
                        toolCallsPending = false;
                    }
                }
            }

            update.Role = role ?? AI.ChatRole.Assistant;
            if (ToUsageDetails(chunk.Usage) is { } usage)
            {
                update.Contents.Add(new UsageContent(usage) { RawRepresentation = chunk.Usage });
            }

            yield return update;
        }

        if (toolCallsPending && last is not null)
        {
            // The stream ended without a finish reason: still hand over the calls it carried.
            var update = NewUpdate(last);
            update.Role = role ?? AI.ChatRole.Assistant;
            AddToolCalls(update, accumulator);
            yield return update;
        }
    }

    private static ChatResponseUpdate NewUpdate(ChatCompletionChunk chunk) => new()
    {
        ResponseId = chunk.Id,
        MessageId = chunk.Id,
        ModelId = chunk.Model,
        CreatedAt = ToCreatedAt(chunk.Created),
        RawRepresentation = chunk,
    };

    // Only the first choice is surfaced: Microsoft.Extensions.AI has no notion of alternative answers in one response.
    private static ChatChunkChoice? FirstChoice(ChatCompletionChunk chunk)
    {
        foreach (var choice in chunk.Choices)
        {
            if (choice is not null && choice.Index == 0)
            {
                return choice;
            }
        }

        return null;
    }

    private static ChatCompletionChunk OnlyChoice(ChatCompletionChunk chunk, ChatChunkChoice choice) =>
        chunk.Choices.Count == 1 ? chunk : new ChatCompletionChunk { Id = chunk.Id, Created = chunk.Created, Model = chunk.Model, Choices = [choice] };

    private static void AddToolCalls(ChatResponseUpdate update, ChatCompletionAccumulator accumulator)
    {
        var message = accumulator.ToCompletion().Choices[0].Message;
        foreach (var call in message.ToolCalls ?? [])
        {
            // A call of another type than function has no Microsoft.Extensions.AI content: it stays in the raw chunks.
            if (call.Function is { } function)
            {
                update.Contents.Add(ToFunctionCall(call, function));
            }
        }
    }

    private static FunctionCallContent ToFunctionCall(ChatToolCall call, ChatFunctionCall function)
    {
        // Arguments that are not a JSON object do not throw here: the content carries the exception, which
        // function-invoking middleware reports back to the model.
        var content = FunctionCallContent.CreateFromParsedArguments(function.Arguments ?? string.Empty, call.Id, function.Name, ExtensionsAIJson.ParseArguments);
        content.RawRepresentation = call;
        return content;
    }

    /// <summary>A refusal as Microsoft.Extensions.AI's OpenAI client surfaces it: an <see cref="ErrorContent"/> with the code <c>Refusal</c>.</summary>
    private static ErrorContent Refusal(string text, object raw) => new(text) { ErrorCode = RefusalCode, RawRepresentation = raw };

    private const string RefusalCode = "Refusal";

    private static void ThrowIfUnsupported(ChatOptions options)
    {
        // The API documents none of these fields. Sending a guessed name could be silently ignored, and dropping the
        // option would change the answer without telling: the caller can send a field the model accepts as an additional property.
        ThrowIfSet(options.Seed, nameof(ChatOptions.Seed), "seed");
        ThrowIfSet(options.FrequencyPenalty, nameof(ChatOptions.FrequencyPenalty), "frequency_penalty");
        ThrowIfSet(options.PresencePenalty, nameof(ChatOptions.PresencePenalty), "presence_penalty");
        ThrowIfSet(options.TopK, nameof(ChatOptions.TopK), "top_k");
        ThrowIfSet(options.Reasoning, nameof(ChatOptions.Reasoning), "reasoning");
        if (options.AllowMultipleToolCalls == false)
        {
            throw Unsupported(nameof(ChatOptions.AllowMultipleToolCalls) + " = false", "parallel_tool_calls");
        }

        if (options.ConversationId is not null)
        {
            throw new NotSupportedException("ChatOptions.ConversationId is not supported: the MythicDot chat completions API keeps no conversation state; send the whole history in the messages.");
        }

#pragma warning disable MEAI001 // Experimental, but a token set on the options must not be dropped silently.
        if (options.ContinuationToken is not null)
#pragma warning restore MEAI001
        {
            throw new NotSupportedException("ChatOptions.ContinuationToken is not supported: the MythicDot chat completions API has no background responses.");
        }
    }

    private static void ThrowIfSet(object? value, string option, string field)
    {
        if (value is not null)
        {
            throw Unsupported(option, field);
        }
    }

    private static NotSupportedException Unsupported(string option, string field) => new(
        $"ChatOptions.{option} is not supported: the MythicDot chat completions API does not document it. If the model accepts a '{field}' field, "
        + $"send it as ChatOptions.AdditionalProperties[\"{field}\"] instead.");

    private static void AddMessages(List<ChatMessage> target, AI.ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        StringBuilder? text = null;
        List<ChatContentPart>? parts = null;
        string? refusal = null;
        List<ChatToolCall>? calls = null;
        List<ChatMessage>? results = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t when parts is not null:
                    parts.Add(ChatContentPart.CreateText(t.Text));
                    break;
                case TextContent t:
                    (text ??= new StringBuilder()).Append(t.Text);
                    break;
                case DataContent or UriContent:
                    // An image makes the message one of parts; the text so far becomes its first part.
                    parts ??= text is null ? [] : [ChatContentPart.CreateText(text.ToString())];
                    text = null;
                    parts.Add(ToImagePart(content, message.Role));
                    break;
                case ErrorContent { ErrorCode: RefusalCode } e when message.Role == AI.ChatRole.Assistant:
                    refusal = e.Message;
                    break;
                case TextReasoningContent:
                    // The model's own reasoning from an earlier turn: the chat completions API takes none back.
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(ChatToolCall.CreateFunction(call.CallId, call.Name, ExtensionsAIJson.SerializeArguments(call.Arguments)));
                    break;
                case FunctionResultContent result:
                    (results ??= []).Add(ChatMessage.Tool(result.CallId, ExtensionsAIJson.SerializeResult(result.Result)));
                    break;
                case UsageContent:
                    // Token counts of an earlier answer: metadata, nothing the model reads.
                    break;
                default:
                    throw new NotSupportedException(
                        $"{content.GetType().Name} in a {message.Role} message is not supported: the MythicDot chat completions API takes text, images, function calls and function results.");
            }
        }

        if (text is not null || parts is not null || calls is not null || refusal is not null || results is null)
        {
            target.Add(new ChatMessage
            {
                Role = new ChatRole(message.Role.Value),
                Content = parts is not null ? null : text?.ToString() ?? (calls is null && refusal is null ? string.Empty : null),
                ContentParts = parts,
                Refusal = refusal,
                Name = message.AuthorName,
                ToolCalls = calls,
            });
        }

        // One tool message per result: the API answers one tool call per message.
        foreach (var result in results ?? [])
        {
            target.Add(result);
        }
    }

    private static ChatContentPart ToImagePart(AIContent content, AI.ChatRole role)
    {
        var (mediaType, name) = content switch
        {
            DataContent data => (data.MediaType, "DataContent"),
            UriContent uri => (uri.MediaType, "UriContent"),
            _ => (string.Empty, content.GetType().Name),
        };

        if (role != AI.ChatRole.User)
        {
            throw new NotSupportedException($"{name} in a {role} message is not supported: the MythicDot chat completions API takes images in user messages only.");
        }

        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"{name} of media type '{mediaType}' is not supported: the MythicDot chat completions API takes images (image/png, image/jpeg, image/gif, image/webp).");
        }

        var detail = content.AdditionalProperties?.TryGetValue("detail", out var value) == true && value is string level ? new ChatImageDetail(level) : (ChatImageDetail?)null;
        return content switch
        {
            DataContent data => ChatContentPart.CreateImageFromBytes(data.Data, data.MediaType, detail),
            _ => ChatContentPart.CreateImageFromUrl(((UriContent)content).Uri, detail),
        };
    }

    private static ChatTool ToTool(AITool tool) => tool switch
    {
        AIFunctionDeclaration function => ChatTool.CreateFunction(
            function.Name,
            string.IsNullOrEmpty(function.Description) ? null : function.Description,
            function.JsonSchema.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : function.JsonSchema),
        _ => throw new NotSupportedException(
            $"The tool '{tool.Name}' ({tool.GetType().Name}) is not supported: the MythicDot chat completions API takes function tools (AIFunctionDeclaration) only."),
    };

    private static ChatToolChoice? ToToolChoice(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => ChatToolChoice.None,
        AutoChatToolMode => ChatToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.ForFunction(name),
        RequiredChatToolMode => ChatToolChoice.Required,
        _ => throw new NotSupportedException($"The tool mode {mode.GetType().Name} is not supported."),
    };

    private static ChatResponseFormat? ToResponseFormat(AI.ChatResponseFormat? format) => format switch
    {
        null => null,
        ChatResponseFormatText => ChatResponseFormat.Text,
        ChatResponseFormatJson { Schema: { } schema } json => ChatResponseFormat.ForJsonSchema(json.SchemaName ?? "json_schema", schema, description: json.SchemaDescription),
        ChatResponseFormatJson => ChatResponseFormat.JsonObject,
        _ => throw new NotSupportedException($"The response format {format.GetType().Name} is not supported."),
    };

    private static AI.ChatRole ToRole(ChatRole role) =>
        role == ChatRole.Assistant ? AI.ChatRole.Assistant
        : role == ChatRole.User ? AI.ChatRole.User
        : role == ChatRole.System ? AI.ChatRole.System
        : role == ChatRole.Tool ? AI.ChatRole.Tool
        : string.IsNullOrEmpty(role.Value) ? AI.ChatRole.Assistant
        : new AI.ChatRole(role.Value);

    private static AI.ChatFinishReason? ToFinishReason(ChatFinishReason? reason) => reason switch
    {
        null => null,
        { } r when r == ChatFinishReason.Stop => AI.ChatFinishReason.Stop,
        { } r when r == ChatFinishReason.Length => AI.ChatFinishReason.Length,
        { } r when r == ChatFinishReason.ToolCalls => AI.ChatFinishReason.ToolCalls,
        { } r when r == ChatFinishReason.ContentFilter => AI.ChatFinishReason.ContentFilter,
        { } r => new AI.ChatFinishReason(r.Value),
    };

    private static UsageDetails? ToUsageDetails(Usage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
            ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
        };

        // Counts UsageDetails has no stable property for (its audio counts are experimental, MEAI001), under the API's names,
        // as Microsoft.Extensions.AI's OpenAI client keeps them.
        AddCount(details, "InputTokenDetails.AudioTokenCount", usage.PromptTokensDetails?.AudioTokens);
        AddCount(details, "OutputTokenDetails.AudioTokenCount", usage.CompletionTokensDetails?.AudioTokens);
        AddCount(details, "OutputTokenDetails.AcceptedPredictionTokenCount", usage.CompletionTokensDetails?.AcceptedPredictionTokens);
        AddCount(details, "OutputTokenDetails.RejectedPredictionTokenCount", usage.CompletionTokensDetails?.RejectedPredictionTokens);
        return details;
    }

    private static void AddCount(UsageDetails details, string name, int? count)
    {
        if (count is { } value)
        {
            (details.AdditionalCounts ??= new AdditionalPropertiesDictionary<long>())[name] = value;
        }
    }

    // (double)0.2f is 0.20000000298023224; the float's shortest round-trip text is what the caller meant.
    private static double? Widen(float? value) =>
        value is { } f ? double.Parse(f.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset? ToCreatedAt(DateTimeOffset created) => created == default ? null : created;
}
