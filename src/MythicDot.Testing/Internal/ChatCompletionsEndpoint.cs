using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /chat/completions</c>: validates the request as the API documents it, and answers deterministically.</summary>
/// <remarks>
/// The reply is <c>Echo: </c> and the last user message. Tokens are counted as words. <c>max_tokens</c> cuts the reply
/// (finish reason <c>length</c>). <c>tool_choice</c> <c>"required"</c> or naming a function makes the reply a call of that
/// function (or the first tool) with arguments <c>{}</c> (finish reason <c>tool_calls</c>).
/// </remarks>
internal static class ChatCompletionsEndpoint
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public static Task CreateAsync(EmulatorRequestContext context)
    {
        if (context.Body.Length == 0)
        {
            return context.WriteErrorAsync(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request body is empty: send a JSON object.");
        }

        if (!context.Http.Request.HasJsonContentType())
        {
            return context.WriteErrorAsync(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The Content-Type must be application/json.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(context.Body);
        }
        catch (JsonException exception)
        {
            return context.WriteErrorAsync(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request body is not valid JSON: " + exception.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (Validate(root) is { } invalid)
            {
                return context.WriteErrorAsync(StatusCodes.Status400BadRequest, invalid.Code, invalid.Message, invalid.Param);
            }

            var model = root.GetProperty("model").GetString()!;
            if (ModelCatalog.Find(model) is null)
            {
                return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{model}' does not exist.", "model");
            }

            if (root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
            {
                return context.WriteErrorAsync(StatusCodes.Status400BadRequest, ErrorCodes.ParameterInvalid, "The emulator does not stream yet: leave 'stream' unset.", "stream");
            }

            return ReplyAsync(context, root, model);
        }
    }

    private static Task ReplyAsync(EmulatorRequestContext context, JsonElement root, string model)
    {
        var messages = root.GetProperty("messages");
        var promptTokens = 0;
        var lastUserText = string.Empty;
        foreach (var message in messages.EnumerateArray())
        {
            var text = message.TryGetProperty("content", out var content) ? TextOf(content) : string.Empty;
            promptTokens += CountWords(text);
            if (message.GetProperty("role").ValueEquals("user"))
            {
                lastUserText = text;
            }
        }

        var toolName = ChosenTool(root);
        string? reply = null;
        string finishReason;
        int completionTokens;
        if (toolName is not null)
        {
            finishReason = "tool_calls";
            completionTokens = 1;
        }
        else
        {
            reply = "Echo: " + lastUserText;
            finishReason = "stop";
            var words = reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (root.TryGetProperty("max_tokens", out var maxTokens) && maxTokens.ValueKind == JsonValueKind.Number
                && maxTokens.GetInt32() < words.Length)
            {
                reply = string.Join(' ', words, 0, maxTokens.GetInt32());
                finishReason = "length";
            }

            completionTokens = CountWords(reply);
        }

        context.State.AddTokens(promptTokens + completionTokens);
        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-emulator-{context.State.NextCompletionNumber():D6}");
        var created = context.State.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "chat.completion");
            writer.WriteNumber("created", created);
            writer.WriteString("model", model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            if (reply is null)
            {
                writer.WriteNull("content");
                writer.WriteStartArray("tool_calls");
                writer.WriteStartObject();
                writer.WriteString("id", "call_1");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", toolName);
                writer.WriteString("arguments", "{}");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("content", reply);
            }

            writer.WriteEndObject();
            writer.WriteString("finish_reason", finishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", promptTokens);
            writer.WriteNumber("completion_tokens", completionTokens);
            writer.WriteNumber("total_tokens", promptTokens + completionTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>Checks the request as the API documents it; returns the first rule broken, or null.</summary>
    private static EmulatorError? Validate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(ErrorCodes.InvalidRequest, "The request body must be a JSON object.", null);
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind == JsonValueKind.Null
            || (model.ValueKind == JsonValueKind.String && model.GetString()!.Length == 0))
        {
            return Missing("model");
        }

        if (model.ValueKind != JsonValueKind.String)
        {
            return Invalid(ErrorCodes.ParameterInvalid, "'model' must be a string, for example \"mythic-4\".", "model");
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
            ?? ValidateTools(root);
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
            if (ToolName(tool) is null)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"tools[{index}].function.name");
                return Missing(name);
            }

            index++;
        }

        return null;
    }

    /// <summary>The function the request forces the model to call, or null when the model may answer in text.</summary>
    private static string? ChosenTool(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice))
        {
            return null;
        }

        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String)
        {
            return name.GetString();
        }

        if (choice.ValueKind == JsonValueKind.String && choice.ValueEquals("required")
            && root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
        {
            return ToolName(tools[0]);
        }

        return null;
    }

    private static string? ToolName(JsonElement tool) =>
        tool.ValueKind == JsonValueKind.Object
        && tool.TryGetProperty("function", out var function)
        && function.ValueKind == JsonValueKind.Object
        && function.TryGetProperty("name", out var name)
        && name.ValueKind == JsonValueKind.String
        && name.GetString() is { Length: > 0 } text
            ? text
            : null;

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

    private static EmulatorError Missing(string param) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ParameterMissing, $"Missing required parameter: '{param}'.", param, null);

    private static EmulatorError Invalid(string code, string message, string? param) =>
        new(StatusCodes.Status400BadRequest, code, message, param, null);
}
