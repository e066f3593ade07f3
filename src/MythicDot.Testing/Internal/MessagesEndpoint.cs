using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /messages</c> and <c>POST /messages/count_tokens</c>: validate the request as the API documents it (Anthropic's Messages
/// shape), and answer deterministically, whole or as a stream of named events.</summary>
/// <remarks>
/// The reply is <c>Echo: </c> and the text of the last user message, as chat's is; when the last user message carries
/// <c>tool_result</c> blocks it is <c>&lt;tool&gt; returned: &lt;result&gt;</c> for each. With <c>thinking</c> enabled a
/// <c>thinking</c> block comes first: <c>Thinking about: &lt;last user text&gt;</c>, signed with a hash of that text. A tool is called
/// (one <c>tool_use</c> block, stop reason <c>tool_use</c>) by chat's rules (<see cref="ChatToolRules"/>) read in this shape:
/// <c>tool_choice</c> <c>{"type":"tool","name":...}</c> always, <c>any</c> the first tool the prompt names or else the first tool,
/// <c>auto</c> or absent a tool the last user message names, <c>none</c> never. Tokens are words: the input counts the system prompt and
/// every text, tool result and thinking of the messages (what <c>count_tokens</c> answers); the output the thinking and the text, or 1 for
/// a tool call. A stop sequence found in the text cuts it there (<c>stop_sequence</c>), and <c>max_tokens</c> cuts the text to that many
/// words (<c>max_tokens</c>).
/// </remarks>
internal static class MessagesEndpoint
{
    private const int MinThinkingBudget = 1024;

    public static Task CreateAsync(EmulatorRequestContext context)
    {
        MessageReply reply;
        bool stream;
        using (var document = JsonRequest.Parse(context, out var invalidBody))
        {
            if (document is null)
            {
                return context.WriteErrorAsync(invalidBody!);
            }

            var root = document.RootElement;
            if (ValidateCreate(root) is { } invalid)
            {
                return context.WriteErrorAsync(invalid);
            }

            var model = root.GetProperty("model").GetString()!;
            if (ModelCatalog.Find(model) is null)
            {
                return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{model}' does not exist.", "model");
            }

            stream = root.TryGetProperty("stream", out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
            reply = Reply(context.State, root, model);
        }

        context.State.AddTokens(reply.InputTokens + reply.OutputTokens);
        return stream
            ? StreamAsync(context, reply)
            : EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, reply.WriteMessage);
    }

    public static Task CountTokensAsync(EmulatorRequestContext context)
    {
        int tokens;
        using (var document = JsonRequest.Parse(context, out var invalidBody))
        {
            if (document is null)
            {
                return context.WriteErrorAsync(invalidBody!);
            }

            var root = document.RootElement;
            if (ValidateInput(root) is { } invalid)
            {
                return context.WriteErrorAsync(invalid);
            }

            var model = root.GetProperty("model").GetString()!;
            if (ModelCatalog.Find(model) is null)
            {
                return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{model}' does not exist.", "model");
            }

            tokens = Conversation.Read(root).InputTokens;
        }

        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("input_tokens", tokens);
            writer.WriteEndObject();
        });
    }

    private static MessageReply Reply(EmulatorState state, JsonElement root, string model)
    {
        var conversation = Conversation.Read(root);
        var number = state.NextCompletionNumber();
        var id = string.Create(CultureInfo.InvariantCulture, $"msg_emulator_{number:D6}");
        (string Text, string Signature)? thinking = null;
        var outputTokens = 0;
        if (root.TryGetProperty("thinking", out var thinkingElement) && thinkingElement.ValueKind == JsonValueKind.Object
            && thinkingElement.GetProperty("type").ValueEquals("enabled"))
        {
            var text = "Thinking about: " + conversation.LastUserText;
            thinking = (text, Signature(text));
            outputTokens += CountWords(text);
        }

        if (ChooseTool(root, conversation) is { } call)
        {
            var toolId = string.Create(CultureInfo.InvariantCulture, $"toolu_emulator_{number:D6}");
            return new MessageReply(id, model, thinking, null, (toolId, call.Name, call.Arguments), "tool_use", null, conversation.InputTokens, outputTokens + 1);
        }

        var reply = conversation.ToolResults is { Count: > 0 } results ? string.Join('\n', results) : "Echo: " + conversation.LastUserText;
        var stopReason = "end_turn";
        string? stopSequence = null;
        if (root.TryGetProperty("stop_sequences", out var stops) && stops.ValueKind == JsonValueKind.Array)
        {
            var cut = -1;
            foreach (var stop in stops.EnumerateArray())
            {
                var at = reply.IndexOf(stop.GetString()!, StringComparison.Ordinal);
                if (at >= 0 && (cut < 0 || at < cut))
                {
                    (cut, stopSequence) = (at, stop.GetString());
                }
            }

            if (cut >= 0)
            {
                reply = reply[..cut];
                stopReason = "stop_sequence";
            }
        }

        var words = reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var maxTokens = root.GetProperty("max_tokens").GetInt32();
        if (maxTokens < words.Length)
        {
            reply = string.Join(' ', words, 0, maxTokens);
            (stopReason, stopSequence) = ("max_tokens", null);
        }

        return new MessageReply(id, model, thinking, reply, null, stopReason, stopSequence, conversation.InputTokens, outputTokens + CountWords(reply));
    }

    /// <summary>The tool the reply calls, by chat's rules read in the Messages shape (see the class remarks), or null for text.</summary>
    private static (string Name, string Arguments)? ChooseTool(JsonElement root, Conversation conversation)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return null;
        }

        var choice = root.TryGetProperty("tool_choice", out var choiceElement) && choiceElement.ValueKind == JsonValueKind.Object
            ? choiceElement.GetProperty("type").GetString()
            : "auto";
        var prompt = conversation.LastUserText;
        var named = tools.EnumerateArray().FirstOrDefault(t => ChatToolRules.Names(prompt, t.GetProperty("name").GetString()!));
        var chosen = choice switch
        {
            "tool" => tools.EnumerateArray().First(t => t.GetProperty("name").ValueEquals(choiceElement.GetProperty("name").GetString())),
            "any" => named.ValueKind == JsonValueKind.Undefined ? tools[0] : named,
            "auto" when conversation.EndsWithUserText => named,
            _ => default,
        };
        return chosen.ValueKind == JsonValueKind.Undefined
            ? null
            : (chosen.GetProperty("name").GetString()!, ChatToolRules.Arguments(chosen.GetProperty("input_schema"), prompt));
    }

    private static async Task StreamAsync(EmulatorRequestContext context, MessageReply reply)
    {
        var events = reply.ToEvents(context.State.StreamChunkSize);
        var fault = context.StreamFault;
        var stream = new EventStream(context.Http, context.State.StreamKeepAlive, namedEvents: true);
        fault?.PrepareResponse(context.Http.Response);
        try
        {
            await stream.StartAsync().ConfigureAwait(false);
            for (var i = 0; i < events.Count; i++)
            {
                if (fault?.AfterChunks == i)
                {
                    await fault.EndStreamAsync(context, stream).ConfigureAwait(false);
                    return;
                }

                await stream.WriteEventAsync(events[i].Name, events[i].Data).ConfigureAwait(false);
            }

            // A fault that asked for more events than the stream has: the stream is whole, so a drop leaves nothing out, and an
            // error comes after message_stop, where the client has stopped reading.
            if (fault is not null)
            {
                await fault.EndStreamAsync(context, stream).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client went away mid-stream (it broke out of its loop, say): nobody is left to answer.
        }
    }

    /// <summary>A deterministic signature: the same thinking always gets the same one.</summary>
    private static string Signature(string thinking) =>
        "emulator-sig-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(thinking)));

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Checks a <c>POST /messages</c> request; returns the first rule broken, or null.</summary>
    private static EmulatorError? ValidateCreate(JsonElement root)
    {
        if (EmulatorError.RequiredString(root, "model", "mythic-4", out _) is { } invalidModel)
        {
            return invalidModel;
        }

        if (!root.TryGetProperty("max_tokens", out var maxTokens) || maxTokens.ValueKind == JsonValueKind.Null)
        {
            return EmulatorError.Missing("max_tokens");
        }

        if (maxTokens.ValueKind != JsonValueKind.Number || !maxTokens.TryGetInt32(out var max) || max < 1)
        {
            return Invalid("'max_tokens' must be a whole number of at least 1.", "max_tokens");
        }

        return ValidateInput(root)
            ?? ValidateThinking(root, max)
            ?? OutOfRange(root, "temperature", 0, 1)
            ?? OutOfRange(root, "top_p", 0, 1)
            ?? ValidateTopK(root)
            ?? ValidateStopSequences(root)
            ?? ValidateToolChoice(root)
            ?? (root.TryGetProperty("stream", out var stream) && stream.ValueKind is not (JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False)
                ? Invalid("'stream' must be true or false.", "stream")
                : null);
    }

    /// <summary>Checks what <c>POST /messages</c> and <c>count_tokens</c> share: model, system, messages and tools.</summary>
    private static EmulatorError? ValidateInput(JsonElement root)
    {
        if (EmulatorError.RequiredString(root, "model", "mythic-4", out _) is { } invalidModel)
        {
            return invalidModel;
        }

        if (root.TryGetProperty("system", out var system) && system.ValueKind is not (JsonValueKind.Null or JsonValueKind.String)
            && !(system.ValueKind == JsonValueKind.Array && system.EnumerateArray().All(b => BlockType(b) == "text" && b.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)))
        {
            return Invalid("'system' must be a string or an array of text blocks.", "system");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null
            || (messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() == 0))
        {
            return EmulatorError.Missing("messages");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            return Invalid("'messages' must be an array of messages.", "messages");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (ValidateMessage(message, string.Create(CultureInfo.InvariantCulture, $"messages[{index}]"), first: index == 0) is { } invalid)
            {
                return invalid;
            }

            index++;
        }

        return ValidateTools(root);
    }

    private static EmulatorError? ValidateMessage(JsonElement message, string name, bool first)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"'{name}' must be an object.", name);
        }

        if (!message.TryGetProperty("role", out var role) || role.ValueKind == JsonValueKind.Null)
        {
            return EmulatorError.Missing(name + ".role");
        }

        if (!(role.ValueEquals("user") || role.ValueEquals("assistant")))
        {
            return Invalid($"'{name}.role' must be \"user\" or \"assistant\".", name + ".role");
        }

        if (first && !role.ValueEquals("user"))
        {
            return Invalid("The first message must use the \"user\" role.", name + ".role");
        }

        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return EmulatorError.Missing(name + ".content");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        if (content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            return Invalid($"'{name}.content' must be a string or a non-empty array of content blocks.", name + ".content");
        }

        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var blockName = string.Create(CultureInfo.InvariantCulture, $"{name}.content[{index}]");
            var missing = BlockType(block) switch
            {
                null => "type",
                "text" => Has(block, "text", JsonValueKind.String) ? null : "text",
                "image" => Has(block, "source", JsonValueKind.Object) ? null : "source",
                "tool_use" => !Has(block, "id", JsonValueKind.String) ? "id" : !Has(block, "name", JsonValueKind.String) ? "name" : !Has(block, "input", JsonValueKind.Object) ? "input" : null,
                "tool_result" => Has(block, "tool_use_id", JsonValueKind.String) ? null : "tool_use_id",
                "thinking" => !Has(block, "thinking", JsonValueKind.String) ? "thinking" : !Has(block, "signature", JsonValueKind.String) ? "signature" : null,
                "redacted_thinking" => Has(block, "data", JsonValueKind.String) ? null : "data",
                _ => null,
            };
            if (missing is not null)
            {
                return EmulatorError.Missing(blockName + "." + missing);
            }

            index++;
        }

        return null;
    }

    private static EmulatorError? ValidateTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            return Invalid("'tools' must be an array of tools.", "tools");
        }

        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"tools[{index}]");
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("name", out var toolName) || toolName.ValueKind != JsonValueKind.String || toolName.GetString()!.Length == 0)
            {
                return EmulatorError.Missing(name + ".name");
            }

            if (!Has(tool, "input_schema", JsonValueKind.Object))
            {
                return EmulatorError.Missing(name + ".input_schema");
            }

            index++;
        }

        return null;
    }

    private static EmulatorError? ValidateToolChoice(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = choice.ValueKind == JsonValueKind.Object ? BlockType(choice) : null;
        var tools = root.TryGetProperty("tools", out var toolsElement) && toolsElement.ValueKind == JsonValueKind.Array ? toolsElement : default;
        switch (type)
        {
            case "auto" or "none":
                return null;
            case "any":
                return tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0 ? null : Invalid("'tool_choice' is \"any\" but no 'tools' were given.", "tool_choice");
            case "tool":
                if (!choice.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return EmulatorError.Missing("tool_choice.name");
                }

                return tools.ValueKind == JsonValueKind.Array && tools.EnumerateArray().Any(t => t.GetProperty("name").ValueEquals(name.GetString()))
                    ? null
                    : Invalid($"'tool_choice' names the tool '{name.GetString()}', which is not in 'tools'.", "tool_choice.name");
            default:
                return Invalid("'tool_choice' must be {\"type\":\"auto\"}, {\"type\":\"any\"}, {\"type\":\"tool\",\"name\":...} or {\"type\":\"none\"}.", "tool_choice");
        }
    }

    private static EmulatorError? ValidateThinking(JsonElement root, int maxTokens)
    {
        if (!root.TryGetProperty("thinking", out var thinking) || thinking.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = thinking.ValueKind == JsonValueKind.Object ? BlockType(thinking) : null;
        if (type == "disabled")
        {
            return null;
        }

        if (type != "enabled")
        {
            return Invalid("'thinking' must be {\"type\":\"enabled\",\"budget_tokens\":N} or {\"type\":\"disabled\"}.", "thinking.type");
        }

        if (!thinking.TryGetProperty("budget_tokens", out var budget) || budget.ValueKind == JsonValueKind.Null)
        {
            return EmulatorError.Missing("thinking.budget_tokens");
        }

        if (budget.ValueKind != JsonValueKind.Number || !budget.TryGetInt32(out var tokens) || tokens < MinThinkingBudget)
        {
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"'thinking.budget_tokens' must be a whole number of at least {MinThinkingBudget}."), "thinking.budget_tokens");
        }

        return tokens < maxTokens
            ? null
            : Invalid(string.Create(CultureInfo.InvariantCulture, $"'thinking.budget_tokens' ({tokens}) must be less than 'max_tokens' ({maxTokens})."), "thinking.budget_tokens");
    }

    private static EmulatorError? ValidateTopK(JsonElement root) =>
        !root.TryGetProperty("top_k", out var topK) || topK.ValueKind == JsonValueKind.Null
        || (topK.ValueKind == JsonValueKind.Number && topK.TryGetInt32(out var k) && k >= 1)
            ? null
            : Invalid("'top_k' must be a whole number of at least 1.", "top_k");

    private static EmulatorError? ValidateStopSequences(JsonElement root) =>
        !root.TryGetProperty("stop_sequences", out var stops) || stops.ValueKind == JsonValueKind.Null
        || (stops.ValueKind == JsonValueKind.Array && stops.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String && s.GetString()!.Length > 0))
            ? null
            : Invalid("'stop_sequences' must be an array of non-empty strings.", "stop_sequences");

    private static EmulatorError? OutOfRange(JsonElement root, string name, double min, double max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= min && number <= max
            ? null
            : Invalid(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a number from {min} to {max}."), name);
    }

    private static string? BlockType(JsonElement block) =>
        block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static bool Has(JsonElement element, string name, JsonValueKind kind) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == kind;

    private static EmulatorError Invalid(string message, string? param) => EmulatorError.Invalid(ErrorCodes.ParameterInvalid, message, param);

    /// <summary>What the reply is made from, read from a validated request.</summary>
    /// <param name="InputTokens">The words of the system prompt and of every text, tool result and thinking of the messages.</param>
    /// <param name="LastUserText">The text blocks (or string content) of the last user message that has text.</param>
    /// <param name="ToolResults">When the last message is a user message with <c>tool_result</c> blocks: <c>&lt;tool&gt; returned: &lt;result&gt;</c> for each.</param>
    /// <param name="EndsWithUserText">Whether the last message is a user message with text (not only tool results).</param>
    private sealed record Conversation(int InputTokens, string LastUserText, List<string>? ToolResults, bool EndsWithUserText)
    {
        public static Conversation Read(JsonElement root)
        {
            var tokens = root.TryGetProperty("system", out var system) ? CountWords(TextOf(system)) : 0;
            var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
            var lastUserText = string.Empty;
            List<string>? results = null;
            var endsWithUserText = false;
            foreach (var message in root.GetProperty("messages").EnumerateArray())
            {
                var isUser = message.GetProperty("role").ValueEquals("user");
                var content = message.GetProperty("content");
                var text = TextOf(content);
                tokens += CountWords(text);
                results = null;
                if (content.ValueKind == JsonValueKind.Array)
                {
                    foreach (var block in content.EnumerateArray())
                    {
                        switch (BlockType(block))
                        {
                            case "tool_use":
                                toolNames[block.GetProperty("id").GetString()!] = block.GetProperty("name").GetString()!;
                                break;
                            case "thinking":
                                tokens += CountWords(block.GetProperty("thinking").GetString()!);
                                break;
                            case "tool_result" when isUser:
                                var id = block.GetProperty("tool_use_id").GetString()!;
                                var result = block.TryGetProperty("content", out var resultContent) ? TextOf(resultContent) : string.Empty;
                                tokens += CountWords(result);
                                (results ??= []).Add((toolNames.TryGetValue(id, out var name) ? name : id) + " returned: " + result);
                                break;
                        }
                    }
                }

                if (isUser && text.Length > 0)
                {
                    lastUserText = text;
                }

                endsWithUserText = isUser && text.Length > 0;
            }

            return new Conversation(tokens, lastUserText, results, endsWithUserText);
        }

        /// <summary>The text of content: a string, or the <c>text</c> of each text block, joined by spaces.</summary>
        private static string TextOf(JsonElement content)
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                return content.GetString()!;
            }

            if (content.ValueKind != JsonValueKind.Array)
            {
                return string.Empty;
            }

            var text = new StringBuilder();
            foreach (var block in content.EnumerateArray())
            {
                if (BlockType(block) == "text" && block.TryGetProperty("text", out var blockText) && blockText.ValueKind == JsonValueKind.String)
                {
                    text.Append(text.Length == 0 ? string.Empty : " ").Append(blockText.GetString());
                }
            }

            return text.ToString();
        }
    }
}
