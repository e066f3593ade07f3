using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>The settings of a chat completion request that shape the reply, beyond its messages and tools.</summary>
/// <param name="N">How many choices to return, 1 to 128 (<c>n</c>; 1 when absent).</param>
/// <param name="MaxTokens">The word budget of each text reply: <c>max_completion_tokens</c> or <c>max_tokens</c>, whichever was sent; null for none.</param>
/// <param name="Logprobs">Whether each choice carries its tokens' log probabilities (<c>logprobs: true</c>).</param>
/// <param name="TopLogprobs">How many alternatives each token lists (<c>top_logprobs</c>, 0 to 20; 0 when absent).</param>
/// <param name="Stream">Whether the reply is streamed (<c>stream: true</c>).</param>
/// <param name="IncludeUsage">Whether a stream ends with a usage chunk (<c>stream_options: {"include_usage": true}</c>).</param>
/// <param name="Prediction">The predicted output's text (<c>prediction.content</c>, parts joined by a space); null when none was sent.</param>
internal sealed record ChatRequestOptions(int N, int? MaxTokens, bool Logprobs, int TopLogprobs, bool Stream, bool IncludeUsage, string? Prediction)
{
    /// <summary>The most choices one request may ask for (<c>n</c>).</summary>
    public const int MaxChoices = 128;

    /// <summary>The most alternatives per token (<c>top_logprobs</c>).</summary>
    public const int MaxTopLogprobs = 20;

    /// <summary>Checks the settings; returns the first rule broken, or null.</summary>
    public static EmulatorError? Validate(JsonElement root) =>
        WholeNumber(root, "max_tokens", 1, int.MaxValue)
        ?? WholeNumber(root, "max_completion_tokens", 1, int.MaxValue)
        ?? ValidateBothBudgets(root)
        ?? WholeNumber(root, "n", 1, MaxChoices)
        ?? ValidateLogprobs(root)
        ?? ValidateStream(root)
        ?? ValidateStreamOptions(root)
        ?? ValidatePrediction(root);

    /// <summary>Reads the settings of a request that <see cref="Validate"/> accepted.</summary>
    public static ChatRequestOptions Read(JsonElement root)
    {
        var stream = IsTrue(root, "stream");
        var includeUsage = stream && Present(root, "stream_options", out var options) && IsTrue(options, "include_usage");
        return new ChatRequestOptions(
            Present(root, "n", out var n) ? n.GetInt32() : 1,
            Present(root, "max_completion_tokens", out var maxCompletion) ? maxCompletion.GetInt32()
                : Present(root, "max_tokens", out var maxTokens) ? maxTokens.GetInt32() : null,
            IsTrue(root, "logprobs"),
            Present(root, "top_logprobs", out var top) ? top.GetInt32() : 0,
            stream,
            includeUsage,
            Present(root, "prediction", out var prediction) ? TextOf(prediction.GetProperty("content")) : null);
    }

    /// <summary>Whether <paramref name="element"/> has the property with a value other than <c>null</c>.</summary>
    internal static bool Present(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static EmulatorError? WholeNumber(JsonElement root, string name, int min, int max)
    {
        if (!Present(root, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? null
            : Invalid(
                max == int.MaxValue
                    ? string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a whole number of at least {min}.")
                    : string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a whole number from {min} to {max}."),
                name);
    }

    /// <summary>OpenAI deprecated <c>max_tokens</c> for <c>max_completion_tokens</c>; the emulator refuses both at once rather than guess.</summary>
    private static EmulatorError? ValidateBothBudgets(JsonElement root) =>
        Present(root, "max_tokens", out _) && Present(root, "max_completion_tokens", out _)
            ? Invalid("'max_tokens' and 'max_completion_tokens' cannot both be set: send only 'max_completion_tokens'.", "max_completion_tokens")
            : null;

    private static EmulatorError? ValidateLogprobs(JsonElement root)
    {
        if (Present(root, "logprobs", out var logprobs) && logprobs.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Invalid("'logprobs' must be true or false.", "logprobs");
        }

        if (WholeNumber(root, "top_logprobs", 0, MaxTopLogprobs) is { } invalid)
        {
            return invalid;
        }

        return Present(root, "top_logprobs", out _) && !IsTrue(root, "logprobs")
            ? Invalid("'top_logprobs' requires 'logprobs' to be true.", "top_logprobs")
            : null;
    }

    private static EmulatorError? ValidateStream(JsonElement root) =>
        !Present(root, "stream", out var stream) || stream.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : Invalid("'stream' must be true or false.", "stream");

    private static EmulatorError? ValidateStreamOptions(JsonElement root)
    {
        if (!Present(root, "stream_options", out var options))
        {
            return null;
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            return Invalid("'stream_options' must be an object, for example {\"include_usage\":true}.", "stream_options");
        }

        if (!IsTrue(root, "stream"))
        {
            return Invalid("'stream_options' is only allowed when 'stream' is true.", "stream_options");
        }

        return Present(options, "include_usage", out var include) && include.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            ? Invalid("'stream_options.include_usage' must be true or false.", "stream_options.include_usage")
            : null;
    }

    /// <summary><c>{"type":"content","content":"..."}</c>, the content a string or a non-empty array of <c>{"type":"text","text":"..."}</c> parts.</summary>
    private static EmulatorError? ValidatePrediction(JsonElement root)
    {
        if (!Present(root, "prediction", out var prediction))
        {
            return null;
        }

        if (prediction.ValueKind != JsonValueKind.Object)
        {
            return Invalid("'prediction' must be an object: {\"type\":\"content\",\"content\":\"...\"}.", "prediction");
        }

        if (!Present(prediction, "type", out var type))
        {
            return EmulatorError.Missing("prediction.type");
        }

        if (type.ValueKind != JsonValueKind.String || !type.ValueEquals("content"))
        {
            return Invalid("'prediction.type' must be \"content\".", "prediction.type");
        }

        if (!Present(prediction, "content", out var content))
        {
            return EmulatorError.Missing("prediction.content");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        const string Shape = "'prediction.content' must be a string or a non-empty array of {\"type\":\"text\",\"text\":\"...\"} parts.";
        if (content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            return Invalid(Shape, "prediction.content");
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object
                || !(part.TryGetProperty("type", out var partType) && partType.ValueKind == JsonValueKind.String && partType.ValueEquals("text"))
                || !(part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String))
            {
                return Invalid(Shape, string.Create(CultureInfo.InvariantCulture, $"prediction.content[{index}]"));
            }

            index++;
        }

        return null;
    }

    private static string TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(part.GetProperty("text").GetString());
        }

        return text.ToString();
    }

    private static EmulatorError Invalid(string message, string param) => EmulatorError.Invalid(ErrorCodes.ParameterInvalid, message, param);
}
