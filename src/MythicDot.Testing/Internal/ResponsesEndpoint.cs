using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>A response the emulator kept: its JSON, and the conversation up to and including its answer.</summary>
internal sealed record StoredResponse(ReadOnlyMemory<byte> Json, IReadOnlyList<ResponseTurn> Conversation);

/// <summary>One turn of a kept conversation: a message's role and text, a function call (name, call id) or its output.</summary>
internal sealed record ResponseTurn(string Kind, string Role, string Text, string? CallId = null, string? Name = null);

/// <summary><c>POST /responses</c>, <c>GET /responses/{id}</c>, <c>DELETE /responses/{id}</c>, in OpenAI's Responses shape.</summary>
/// <remarks>
/// <para>The input is a string (a user message) or items: <c>message</c> (role <c>user</c>, <c>system</c>, <c>developer</c> or
/// <c>assistant</c>; content a string or <c>input_text</c>/<c>output_text</c>/<c>input_image</c> parts), <c>function_call</c>
/// and <c>function_call_output</c>. <c>previous_response_id</c> names a kept response: its conversation comes first, and an
/// unknown id is a 400 (<c>param</c> <c>previous_response_id</c>). Every response is kept unless <c>store</c> is false.</para>
/// <para>The answer: after a <c>function_call_output</c>, <c>&lt;function&gt; returned: &lt;output&gt;</c>; else a function call when the
/// last user message names one of the flat function <c>tools</c> (as <see cref="ChatToolRules"/> decides for chat, with the same
/// arguments rule); else <c>Echo: &lt;last user text&gt;</c>, followed by <c> [turn N]</c> when the conversation holds N &gt; 1 user
/// messages, so a test sees that the server kept it. <c>max_output_tokens</c> cuts the text (status <c>incomplete</c>, reason
/// <c>max_output_tokens</c>). Tokens are counted as words, over the whole conversation for the input.</para>
/// </remarks>
internal static class ResponsesEndpoint
{
    private static readonly string[] Roles = ["user", "system", "developer", "assistant"];

    public static Task CreateAsync(EmulatorRequestContext context)
    {
        using var document = JsonRequest.Parse(context, out var invalidBody);
        if (document is null)
        {
            return context.WriteErrorAsync(invalidBody!);
        }

        var root = document.RootElement;
        if (EmulatorError.RequiredString(root, "model", "mythic-4", out var model) is { } modelError)
        {
            return context.WriteErrorAsync(modelError);
        }

        if (ModelCatalog.Find(model) is null)
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{model}' does not exist.", "model");
        }

        var conversation = new List<ResponseTurn>();
        string? previousId = null;
        if (root.TryGetProperty("previous_response_id", out var previous) && previous.ValueKind != JsonValueKind.Null)
        {
            previousId = previous.ValueKind == JsonValueKind.String ? previous.GetString() : null;
            if (previousId is null || !context.State.Responses.TryGetValue(previousId, out var stored))
            {
                return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"Previous response with id '{previousId}' not found.", "previous_response_id"));
            }

            conversation.AddRange(stored.Conversation);
        }

        if (ReadInput(root, conversation) is { } inputError)
        {
            return context.WriteErrorAsync(inputError);
        }

        int? maxOutputTokens = null;
        if (root.TryGetProperty("max_output_tokens", out var max) && max.ValueKind != JsonValueKind.Null)
        {
            if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var limit) || limit < 1)
            {
                return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'max_output_tokens' must be a whole number of at least 1.", "max_output_tokens"));
            }

            maxOutputTokens = limit;
        }

        var number = context.State.NextResponseNumber();
        var id = string.Create(CultureInfo.InvariantCulture, $"resp_emulator_{number:D6}");
        var answer = Answer(root, conversation, number, maxOutputTokens);
        conversation.Add(answer.Turn);
        var inputTokens = conversation.Take(conversation.Count - 1).Sum(t => Words(t.Text));
        var json = EmulatorResponses.ToJson(writer => Write(writer, root, id, model, previousId, answer, inputTokens, context.State.TimeProvider));
        var store = !(root.TryGetProperty("store", out var storeElement) && storeElement.ValueKind == JsonValueKind.False);
        if (store)
        {
            context.State.Responses[id] = new StoredResponse(json, conversation);
        }

        context.State.AddTokens(inputTokens + answer.OutputTokens);
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer => writer.WriteRawValue(json.Span, skipInputValidation: true));
    }

    public static Task GetAsync(EmulatorRequestContext context)
    {
        var id = (string)context.Http.Request.RouteValues["id"]!;
        return context.State.Responses.TryGetValue(id, out var stored)
            ? EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer => writer.WriteRawValue(stored.Json.Span, skipInputValidation: true))
            : NotFound(context, id);
    }

    public static Task DeleteAsync(EmulatorRequestContext context)
    {
        var id = (string)context.Http.Request.RouteValues["id"]!;
        if (!context.State.Responses.TryRemove(id, out _))
        {
            return NotFound(context, id);
        }

        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "response.deleted");
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
        });
    }

    private static Task NotFound(EmulatorRequestContext context, string id) =>
        context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No response with id '{id}' found.", null);

    private static EmulatorError? ReadInput(JsonElement root, List<ResponseTurn> conversation)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return EmulatorError.Missing("input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            conversation.Add(new ResponseTurn("message", "user", input.GetString()!));
            return null;
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            return Invalid("'input' must be a string or a non-empty array of items.");
        }

        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"'input[{index}]' must be an object.");
            }

            var type = item.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : "message";
            switch (type)
            {
                case "message":
                    var role = item.TryGetProperty("role", out var roleElement) && roleElement.ValueKind == JsonValueKind.String ? roleElement.GetString()! : string.Empty;
                    if (Array.IndexOf(Roles, role) < 0)
                    {
                        return Invalid($"'input[{index}].role' must be one of user, system, developer, assistant.");
                    }

                    if (!item.TryGetProperty("content", out var content) || TextOf(content) is not { } text)
                    {
                        return Invalid($"'input[{index}].content' must be a string or an array of input_text, output_text or input_image parts.");
                    }

                    conversation.Add(new ResponseTurn("message", role, text));
                    break;
                case "function_call_output":
                    if (!Text(item, "call_id", out var callId) || !Text(item, "output", out var output))
                    {
                        return Invalid($"'input[{index}]' is a function_call_output without a 'call_id' or an 'output'.");
                    }

                    conversation.Add(new ResponseTurn("function_call_output", "tool", output, callId));
                    break;
                case "function_call":
                    if (!Text(item, "call_id", out var calledId) || !Text(item, "name", out var name))
                    {
                        return Invalid($"'input[{index}]' is a function_call without a 'call_id' or a 'name'.");
                    }

                    conversation.Add(new ResponseTurn("function_call", "assistant", item.TryGetProperty("arguments", out var arguments) ? arguments.ToString() : "{}", calledId, name));
                    break;
                case "reasoning":
                    break;
                default:
                    return Invalid($"'input[{index}].type' '{type}' is not a known item type.");
            }

            index++;
        }

        return null;
    }

    /// <summary>The text of a message's content, or null when its shape is not one the API takes.</summary>
    private static string? TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var texts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type))
            {
                return null;
            }

            if (type.ValueEquals("input_text") || type.ValueEquals("output_text"))
            {
                if (!Text(part, "text", out var text))
                {
                    return null;
                }

                texts.Add(text);
            }
            else if (!type.ValueEquals("input_image") || !Text(part, "image_url", out _))
            {
                return null;
            }
        }

        return string.Join(' ', texts);
    }

    private static Reply Answer(JsonElement root, List<ResponseTurn> conversation, long number, int? maxOutputTokens)
    {
        var last = conversation[^1];
        if (last.Kind == "function_call_output")
        {
            var call = conversation.FindLast(t => t.Kind == "function_call" && t.CallId == last.CallId);
            return TextReply((call?.Name ?? last.CallId) + " returned: " + last.Text, number, maxOutputTokens);
        }

        if (last.Kind == "message" && last.Role == "user" && ChooseTool(root, last.Text) is { } tool)
        {
            var callId = string.Create(CultureInfo.InvariantCulture, $"call_emulator_{number:D6}");
            return new Reply(null, tool.Name, tool.Arguments, callId, false, 1, new ResponseTurn("function_call", "assistant", tool.Arguments, callId, tool.Name));
        }

        var lastUser = conversation.FindLast(t => t.Kind == "message" && t.Role == "user")?.Text ?? string.Empty;
        var turns = conversation.Count(t => t.Kind == "message" && t.Role == "user");
        return TextReply("Echo: " + lastUser + (turns > 1 ? string.Create(CultureInfo.InvariantCulture, $" [turn {turns}]") : string.Empty), number, maxOutputTokens);
    }

    private static Reply TextReply(string text, long number, int? maxOutputTokens)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var cut = maxOutputTokens is { } limit && limit < words.Length;
        if (cut)
        {
            text = string.Join(' ', words, 0, maxOutputTokens!.Value);
        }

        return new Reply(text, null, null, string.Create(CultureInfo.InvariantCulture, $"msg_emulator_{number:D6}"), cut, Words(text), new ResponseTurn("message", "assistant", text));
    }

    /// <summary>The flat function tool the user's text names, with its arguments; null for none, or for <c>tool_choice: "none"</c>.</summary>
    private static (string Name, string Arguments)? ChooseTool(JsonElement root, string prompt)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array
            || (root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.String && choice.ValueEquals("none")))
        {
            return null;
        }

        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object && Text(tool, "name", out var name) && ChatToolRules.Names(prompt, name))
            {
                return (name, ChatToolRules.Arguments(tool.TryGetProperty("parameters", out var parameters) ? parameters : default, prompt));
            }
        }

        return null;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement root, string id, string model, string? previousId, Reply reply, int inputTokens, TimeProvider clock)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "response");
        writer.WriteNumber("created_at", clock.GetUtcNow().ToUnixTimeSeconds());
        writer.WriteString("status", reply.Incomplete ? "incomplete" : "completed");
        writer.WriteString("model", model);
        writer.WriteStartArray("output");
        writer.WriteStartObject();
        if (reply.Text is { } text)
        {
            writer.WriteString("type", "message");
            writer.WriteString("id", reply.ItemId);
            writer.WriteString("status", reply.Incomplete ? "incomplete" : "completed");
            writer.WriteString("role", "assistant");
            writer.WriteStartArray("content");
            writer.WriteStartObject();
            writer.WriteString("type", "output_text");
            writer.WriteString("text", text);
            writer.WriteStartArray("annotations");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("type", "function_call");
            writer.WriteString("id", "fc_" + reply.ItemId);
            writer.WriteString("call_id", reply.ItemId);
            writer.WriteString("name", reply.FunctionName);
            writer.WriteString("arguments", reply.Arguments);
            writer.WriteString("status", "completed");
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteEcho(writer, root, "instructions");
        if (previousId is null)
        {
            writer.WriteNull("previous_response_id");
        }
        else
        {
            writer.WriteString("previous_response_id", previousId);
        }

        writer.WriteNull("error");
        if (reply.Incomplete)
        {
            writer.WriteStartObject("incomplete_details");
            writer.WriteString("reason", "max_output_tokens");
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("incomplete_details");
        }

        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", inputTokens);
        writer.WriteStartObject("input_tokens_details");
        writer.WriteNumber("cached_tokens", 0);
        writer.WriteEndObject();
        writer.WriteNumber("output_tokens", reply.OutputTokens);
        writer.WriteStartObject("output_tokens_details");
        writer.WriteNumber("reasoning_tokens", 0);
        writer.WriteEndObject();
        writer.WriteNumber("total_tokens", inputTokens + reply.OutputTokens);
        writer.WriteEndObject();
        writer.WriteBoolean("store", !(root.TryGetProperty("store", out var store) && store.ValueKind == JsonValueKind.False));
        WriteEcho(writer, root, "metadata");
        writer.WriteEndObject();
    }

    // The request's value of a field the response repeats, or null.
    private static void WriteEcho(Utf8JsonWriter writer, JsonElement root, string name)
    {
        writer.WritePropertyName(name);
        if (root.TryGetProperty(name, out var value))
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static bool Text(JsonElement element, string name, out string value)
    {
        value = element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString()! : string.Empty;
        return property.ValueKind == JsonValueKind.String;
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static EmulatorError Invalid(string message) => EmulatorError.Invalid(ErrorCodes.ParameterInvalid, message, "input");

    private sealed record Reply(string? Text, string? FunctionName, string? Arguments, string ItemId, bool Incomplete, int OutputTokens, ResponseTurn Turn);
}
