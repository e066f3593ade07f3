using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /chat/completions</c>: validates the request as the API documents it (and as OpenAI's schema has it where the
/// API is silent), and answers deterministically, whole or streamed.</summary>
/// <remarks>
/// <para>The reply is <c>Echo: </c> and the last user message's text (its text parts joined by a space); when that message carries
/// images, <c> [1 image]</c> or <c> [N images]</c> follows. After tool results it is <c>&lt;function&gt; returned: &lt;result&gt;</c>
/// for each, and it calls a tool as <see cref="ChatToolRules"/> describes. Roles: <c>system</c>, <c>developer</c> (treated as
/// <c>system</c>), <c>user</c>, <c>assistant</c>, <c>tool</c>; content parts as <see cref="ChatContent"/> describes. Images go to
/// <c>mythic-4-vision</c> only (another model is 400 <c>parameter_invalid</c>, <c>param: "messages"</c>), at most
/// <see cref="ChatContent.MaxImages"/> per request.</para>
/// <para>Tokens are counted as words (a prompt's text parts only). <c>max_completion_tokens</c> or <c>max_tokens</c> (not both: 400)
/// cuts a text reply to that many words (finish reason <c>length</c>). <c>n</c> (1 to 128) gives that many choices: choice 0 is the
/// reply, choice <c>i</c> &gt; 0 the reply and <c> (i)</c>, each cut on its own; when the reply calls a tool every choice calls it,
/// choice <c>i</c> &gt; 0 with the id <c>call_emulator_000001_i</c>. Usage adds up the choices.</para>
/// <para>Every choice carries <c>"logprobs": null</c> and its message <c>"refusal": null</c>. <c>logprobs: true</c> gives each text
/// choice <c>{"content":[...],"refusal":null}</c>, one entry per token (a word with the whitespace before it) as
/// <see cref="ChatReply"/> describes, with <c>top_logprobs</c> (0 to 20; it needs <c>logprobs: true</c>) alternatives each.</para>
/// <para><c>prediction</c> (<c>{"type":"content","content":...}</c>) sets <c>accepted_prediction_tokens</c> to the reply words that
/// appear among the prediction's words and <c>rejected_prediction_tokens</c> to the prediction words absent from the reply (exact,
/// case-sensitive words, summed over the choices); the rejected ones count as completion tokens too, as OpenAI bills them.</para>
/// <para><c>"stream": true</c> sends the same reply as server-sent events, in chunks of <see cref="MythicDotEmulatorOptions.StreamChunkSize"/>
/// characters; usage only with <c>stream_options: {"include_usage": true}</c>, as a last chunk with <c>"choices": []</c> before
/// <c>[DONE]</c> (<c>stream_options</c> without <c>"stream": true</c> is a 400).</para>
/// </remarks>
internal static class ChatCompletionsEndpoint
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];
    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    public static Task CreateAsync(EmulatorRequestContext context)
    {
        ChatReply reply;
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
            if (ModelCatalog.Find(model) is not { } info)
            {
                return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ModelNotFound, $"The model '{model}' does not exist.", "model");
            }

            if (!info.AcceptsImages && root.GetProperty("messages").EnumerateArray().Any(m => m.TryGetProperty("content", out var content) && ChatContent.ImageCount(content) > 0))
            {
                return context.WriteErrorAsync(EmulatorError.Invalid(
                    ErrorCodes.ParameterInvalid, $"The model '{model}' does not support image input; send images to mythic-4-vision.", "messages"));
            }

            reply = Reply(context.State, root, model, ChatRequestOptions.Read(root));
        }

        context.State.AddTokens(reply.PromptTokens + reply.CompletionTokens);
        return reply.Options.Stream
            ? StreamAsync(context, reply)
            : EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, reply.WriteCompletion);
    }

    private static ChatReply Reply(EmulatorState state, JsonElement root, string model, ChatRequestOptions options)
    {
        var messages = root.GetProperty("messages");
        var promptTokens = 0;
        var lastUserText = string.Empty;
        var lastUserImages = 0;
        var lastRole = string.Empty;
        foreach (var message in messages.EnumerateArray())
        {
            var hasContent = message.TryGetProperty("content", out var content);
            var text = hasContent ? ChatContent.TextOf(content) : string.Empty;
            promptTokens += CountWords(text);
            lastRole = message.GetProperty("role").GetString()!;
            if (lastRole == "user")
            {
                lastUserText = text;
                lastUserImages = hasContent ? ChatContent.ImageCount(content) : 0;
            }
        }

        var number = state.NextCompletionNumber();
        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-emulator-{number:D6}");
        var created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var choices = new List<ChatReplyChoice>(options.N);
        if (ChatToolRules.Choose(root, lastRole == "user", lastUserText) is { } call)
        {
            var callId = string.Create(CultureInfo.InvariantCulture, $"call_emulator_{number:D6}");
            for (var i = 0; i < options.N; i++)
            {
                var choiceCallId = i == 0 ? callId : string.Create(CultureInfo.InvariantCulture, $"{callId}_{i}");
                choices.Add(new ChatReplyChoice(null, (choiceCallId, call.Name, call.Arguments), "tool_calls", 1));
            }
        }
        else
        {
            var text = lastRole == "tool" ? ToolResultsReply(messages) : EchoReply(lastUserText, lastUserImages);
            for (var i = 0; i < options.N; i++)
            {
                var reply = i == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text} ({i})");
                var finishReason = "stop";
                var words = Words(reply);
                if (options.MaxTokens is { } maxTokens && maxTokens < words.Length)
                {
                    reply = string.Join(' ', words, 0, maxTokens);
                    finishReason = "length";
                }

                choices.Add(new ChatReplyChoice(reply, null, finishReason, CountWords(reply)));
            }
        }

        var (accepted, rejected) = PredictionTokens(options.Prediction, choices);
        return new ChatReply(id, created, model, choices, promptTokens, options, accepted, rejected);
    }

    /// <summary><c>Echo: </c> and the text, then <c>[1 image]</c> or <c>[N images]</c> when the message carried images.</summary>
    private static string EchoReply(string text, int images) =>
        images == 0
            ? "Echo: " + text
            : string.Create(CultureInfo.InvariantCulture, $"Echo: {text}{(text.Length == 0 ? string.Empty : " ")}[{images} image{(images == 1 ? string.Empty : "s")}]");

    /// <summary>Over the choices: the reply words found among the prediction's words, and the prediction words not in the reply.</summary>
    private static (int Accepted, int Rejected) PredictionTokens(string? prediction, List<ChatReplyChoice> choices)
    {
        if (prediction is null)
        {
            return (0, 0);
        }

        var predicted = Words(prediction);
        var predictedSet = new HashSet<string>(predicted, StringComparer.Ordinal);
        int accepted = 0, rejected = 0;
        foreach (var choice in choices)
        {
            var words = Words(choice.Content ?? string.Empty);
            var replySet = new HashSet<string>(words, StringComparer.Ordinal);
            accepted += words.Count(predictedSet.Contains);
            rejected += predicted.Count(word => !replySet.Contains(word));
        }

        return (accepted, rejected);
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
            results.Add((names.TryGetValue(id, out var tool) ? tool : id) + " returned: " + ChatContent.TextOf(message.GetProperty("content")));
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
        var images = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (ValidateMessage(message, string.Create(CultureInfo.InvariantCulture, $"messages[{index}]"), ref images) is { } invalid)
            {
                return invalid;
            }

            index++;
        }

        if (images > ChatContent.MaxImages)
        {
            return Invalid(
                ErrorCodes.ParameterInvalid,
                string.Create(CultureInfo.InvariantCulture, $"A request may carry at most {ChatContent.MaxImages} images; this one carries {images}."),
                "messages");
        }

        return OutOfRange(root, "temperature", 0, 2)
            ?? OutOfRange(root, "top_p", 0, 1)
            ?? ChatRequestOptions.Validate(root)
            ?? ValidateStop(root)
            ?? ValidateTools(root)
            ?? ChatToolRules.Validate(root);
    }

    private static EmulatorError? ValidateMessage(JsonElement message, string name, ref int images)
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

        return hasContent ? ChatContent.Validate(content, role.GetString()!, name, ref images) : null;
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
            if (ChatToolRules.ToolName(tool) is null)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"tools[{index}].function.name");
                return Missing(name);
            }

            index++;
        }

        return null;
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int CountWords(string text) => Words(text).Length;

    private static EmulatorError Missing(string param) => EmulatorError.Missing(param);

    private static EmulatorError Invalid(string code, string message, string? param) => EmulatorError.Invalid(code, message, param);
}
