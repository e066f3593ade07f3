using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /chat/completions</c>: validates the request as the API documents it, and answers deterministically, whole or streamed.</summary>
/// <remarks>
/// The reply is <c>Echo: </c> and the last user message; after tool results it is <c>&lt;function&gt; returned: &lt;result&gt;</c> for each,
/// and it calls a tool as <see cref="ChatToolRules"/> describes. Tokens are counted as words. <c>max_tokens</c> cuts a text reply
/// (finish reason <c>length</c>). <c>"stream": true</c> sends the same reply as server-sent events, in chunks of
/// <see cref="MythicDotEmulatorOptions.StreamChunkSize"/> characters, with the usage on the last chunk.
/// </remarks>
internal static class ChatCompletionsEndpoint
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];
    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    public static Task CreateAsync(EmulatorRequestContext context)
    {
        ChatReply reply;
        bool stream;
        using (var document = JsonRequest.Parse(context, out var invalidBody))
        {
            if (document is null)
            {
                return context.WriteErrorAsync(invalidBody!);
            }

            var root = document.RootElement;
            if (Validate(root) is { } invalid)
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

        context.State.AddTokens(reply.PromptTokens + reply.CompletionTokens);
        return stream
            ? StreamAsync(context, reply)
            : EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, reply.WriteCompletion);
    }

    private static ChatReply Reply(EmulatorState state, JsonElement root, string model)
    {
        var messages = root.GetProperty("messages");
        var promptTokens = 0;
        var lastUserText = string.Empty;
        var lastRole = string.Empty;
        foreach (var message in messages.EnumerateArray())
        {
            var text = message.TryGetProperty("content", out var content) ? TextOf(content) : string.Empty;
            promptTokens += CountWords(text);
            lastRole = message.GetProperty("role").GetString()!;
            if (lastRole == "user")
            {
                lastUserText = text;
            }
        }

        var number = state.NextCompletionNumber();
        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-emulator-{number:D6}");
        var created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (ChatToolRules.Choose(root, lastRole == "user", lastUserText) is { } call)
        {
            var callId = string.Create(CultureInfo.InvariantCulture, $"call_emulator_{number:D6}");
            return new ChatReply(id, created, model, null, (callId, call.Name, call.Arguments), "tool_calls", promptTokens, 1);
        }

        var reply = lastRole == "tool" ? ToolResultsReply(messages) : "Echo: " + lastUserText;
        var finishReason = "stop";
        var words = reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (root.TryGetProperty("max_tokens", out var maxTokens) && maxTokens.ValueKind == JsonValueKind.Number
            && maxTokens.GetInt32() < words.Length)
        {
            reply = string.Join(' ', words, 0, maxTokens.GetInt32());
            finishReason = "length";
        }

        return new ChatReply(id, created, model, reply, null, finishReason, promptTokens, CountWords(reply));
    }

    /// <summary>The reply to the tool results that end the conversation: <c>get_weather returned: {...}</c>, one line each.</summary>
    private static string ToolResultsReply(JsonElement messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<string>();
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.GetProperty("role");
            if (role.ValueEquals("assistant") && message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("id", out var callId) && callId.ValueKind == JsonValueKind.String
                        && call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                        && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        names[callId.GetString()!] = name.GetString()!;
                    }
                }
            }

            if (!role.ValueEquals("tool"))
            {
                results.Clear();
                continue;
            }

            var id = message.GetProperty("tool_call_id").GetString()!;
            results.Add((names.TryGetValue(id, out var tool) ? tool : id) + " returned: " + TextOf(message.GetProperty("content")));
        }

        return string.Join('\n', results);
    }

    private static async Task StreamAsync(EmulatorRequestContext context, ChatReply reply)
    {
        var chunks = reply.ToChunks(context.State.StreamChunkSize);
        var fault = context.StreamFault;
        var events = new EventStream(context.Http, context.State.StreamKeepAlive);
        fault?.PrepareResponse(context.Http.Response);
        try
        {
            await events.StartAsync().ConfigureAwait(false);
            for (var i = 0; i < chunks.Count; i++)
            {
                if (fault?.AfterChunks == i)
                {
                    await fault.EndStreamAsync(context, events).ConfigureAwait(false);
                    return;
                }

                await events.WriteDataAsync(chunks[i]).ConfigureAwait(false);
            }

            if (fault is not null)
            {
                await fault.EndStreamAsync(context, events).ConfigureAwait(false);
                return;
            }

            await events.WriteDataAsync(Done).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client went away mid-stream (it broke out of its loop, say): nobody is left to answer.
        }
    }

    /// <summary>Checks the request as the API documents it; returns the first rule broken, or null.</summary>
    private static EmulatorError? Validate(JsonElement root)
    {
        if (EmulatorError.RequiredString(root, "model", "mythic-4", out _) is { } invalidModel)
        {
            return invalidModel;
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null
            || (messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() == 0))
        {
            return Missing("messages");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            return Invalid(ErrorCodes.ParameterInvalid, "'messages' must be an array of messages.", "messages");
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (ValidateMessage(message, string.Create(CultureInfo.InvariantCulture, $"messages[{index}]")) is { } invalid)
            {
                return invalid;
            }

            index++;
        }

        return OutOfRange(root, "temperature", 0, 2)
            ?? OutOfRange(root, "top_p", 0, 1)
            ?? ValidateMaxTokens(root)
            ?? ValidateStop(root)
            ?? ValidateStream(root)
            ?? ValidateTools(root)
            ?? ChatToolRules.Validate(root);
    }

    private static EmulatorError? ValidateMessage(JsonElement message, string name)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Invalid(ErrorCodes.ParameterInvalid, $"'{name}' must be an object.", name);
        }

        if (!message.TryGetProperty("role", out var role) || role.ValueKind == JsonValueKind.Null)
        {
            return Missing(name + ".role");
        }

        if (role.ValueKind != JsonValueKind.String || Array.IndexOf(Roles, role.GetString()) < 0)
        {
            return Invalid(ErrorCodes.ParameterInvalid, $"'{name}.role' must be one of {string.Join(", ", Roles)}.", name + ".role");
        }

        var hasContent = message.TryGetProperty("content", out var content) && content.ValueKind != JsonValueKind.Null;
        var isAssistant = role.ValueEquals("assistant");
        if (!hasContent && !(isAssistant && message.TryGetProperty("tool_calls", out _)))
        {
            return Missing(name + ".content");
        }

        if (hasContent && content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return Invalid(ErrorCodes.ParameterInvalid, $"'{name}.content' must be a string or an array of content parts.", name + ".content");
        }

        if (role.ValueEquals("tool") && !(message.TryGetProperty("tool_call_id", out var callId) && callId.ValueKind == JsonValueKind.String))
        {
            return Missing(name + ".tool_call_id");
        }

        return null;
    }

    private static EmulatorError? OutOfRange(JsonElement root, string name, double min, double max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && number >= min && number <= max
            ? null
            : Invalid(ErrorCodes.ParameterInvalid, string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a number from {min} to {max}."), name);
    }

    private static EmulatorError? ValidateMaxTokens(JsonElement root)
    {
        if (!root.TryGetProperty("max_tokens", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var tokens) && tokens >= 1
            ? null
            : Invalid(ErrorCodes.ParameterInvalid, "'max_tokens' must be a whole number of at least 1.", "max_tokens");
    }

    private static EmulatorError? ValidateStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind is JsonValueKind.Null or JsonValueKind.String)
        {
            return null;
        }

        return stop.ValueKind == JsonValueKind.Array && stop.GetArrayLength() is >= 1 and <= 4
            && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String)
            ? null
            : Invalid(ErrorCodes.ParameterInvalid, "'stop' must be a string or an array of one to four strings.", "stop");
    }

    private static EmulatorError? ValidateStream(JsonElement root) =>
        !root.TryGetProperty("stream", out var stream) || stream.ValueKind is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False
            ? null
            : Invalid(ErrorCodes.ParameterInvalid, "'stream' must be true or false.", "stream");

    private static EmulatorError? ValidateTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() > 128)
        {
            return Invalid(ErrorCodes.ParameterInvalid, "'tools' must be an array of at most 128 tools.", "tools");
        }

        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            if (ChatToolRules.ToolName(tool) is null)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"tools[{index}].function.name");
                return Missing(name);
            }

            index++;
        }

        return null;
    }

    /// <summary>The text of a message's content: a string, or the <c>text</c> of each part of an array.</summary>
    private static string TextOf(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length == 0 ? string.Empty : " ").Append(partText.GetString());
                    }
                }

                return text.ToString();
            default:
                return string.Empty;
        }
    }

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static EmulatorError Missing(string param) => EmulatorError.Missing(param);

    private static EmulatorError Invalid(string code, string message, string? param) => EmulatorError.Invalid(code, message, param);
}
