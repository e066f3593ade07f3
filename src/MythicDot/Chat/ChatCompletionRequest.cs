using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>A request for <c>POST /chat/completions</c>.</summary>
public sealed class ChatCompletionRequest : Resilience.ITokenEstimated
{
    // The token limiter's estimate (internal: callers use TokenEstimator.Estimate).
    int Resilience.ITokenEstimated.EstimateTokens(Resilience.TokenEstimator estimator) => estimator.Estimate(this);

    /// <summary>Gets or sets the model id, for example <c>mythic-4</c> (required).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the conversation so far (required, at least one message).</summary>
    public IList<ChatMessage> Messages { get; set; } = [];

    /// <summary>Gets or sets the sampling temperature, 0 to 2.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, 1.</value>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling's probability mass, 0 to 1.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, 1.</value>
    public double? TopP { get; set; }

    /// <summary>Gets or sets the most tokens the answer may have (at least 1).</summary>
    /// <remarks>For reasoning models, which spend tokens before the answer, prefer <see cref="MaxCompletionTokens"/>. Set one of the two.</remarks>
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets the most tokens the completion may have, reasoning tokens included (at least 1).</summary>
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Gets or sets how many answers to generate (1 to 128); each is a <see cref="ChatCompletion.Choices"/> entry.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, 1.</value>
    public int? N { get; set; }

    /// <summary>Gets or sets up to four sequences at which the model stops; one is sent as a string.</summary>
    [JsonConverter(typeof(StringOrStringsConverter))]
    public IList<string>? Stop { get; set; }

    /// <summary>Gets or sets the tools the model may call (at most 128).</summary>
    public IList<ChatTool>? Tools { get; set; }

    /// <summary>Gets or sets whether and which tool the model must call.</summary>
    public ChatToolChoice? ToolChoice { get; set; }

    /// <summary>Gets or sets the shape the answer must take.</summary>
    public ChatResponseFormat? ResponseFormat { get; set; }

    /// <summary>Gets or sets whether to return the log probability of each token of the answer (<see cref="ChatChoice.Logprobs"/>).</summary>
    public bool? Logprobs { get; set; }

    /// <summary>Gets or sets how many of the likeliest tokens to return at each position (0 to 20); needs <see cref="Logprobs"/>.</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>Gets or sets the answer the caller expects most of (predicted outputs), which makes a mostly unchanged answer faster.</summary>
    public ChatPrediction? Prediction { get; set; }

    /// <summary>Gets or sets options of a streamed answer, such as <see cref="ChatStreamOptions.IncludeUsage"/>; only for
    /// <see cref="ChatCompletionsClient.CreateStreamingAsync(ChatCompletionRequest, RequestOptions?, CancellationToken)"/>.</summary>
    public ChatStreamOptions? StreamOptions { get; set; }

    /// <summary>Gets or sets fields a model accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    internal static readonly string[] TypedNames =
        ["model", "messages", "temperature", "top_p", "max_tokens", "max_completion_tokens", "n", "stream", "stop", "tools", "tool_choice", "response_format",
            "logprobs", "top_logprobs", "prediction", "stream_options"];

    /// <summary>The most images one request may carry, across all its messages (the API's documented limit).</summary>
    public const int MaxImages = 10;

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(ChatCompletionRequest request, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ValidateFields(streaming);
    }

#pragma warning disable CA2208 // The errors name 'request', the parameter of the public method that validates.
    private void ValidateFields(bool streaming)
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("ChatCompletionRequest.Model is required (for example \"mythic-4\").", "request");
        }

        if (Messages is null || Messages.Count == 0)
        {
            throw new ArgumentException("ChatCompletionRequest.Messages needs at least one message.", "request");
        }

        for (var i = 0; i < Messages.Count; i++)
        {
            if (Messages[i] is null)
            {
                throw new ArgumentException($"ChatCompletionRequest.Messages[{i}] is null.", "request");
            }

            if (string.IsNullOrEmpty(Messages[i].Role.Value))
            {
                throw new ArgumentException($"ChatCompletionRequest.Messages[{i}] has no Role.", "request");
            }
        }

        ValidateContentParts();

        if (Temperature is { } temperature && (double.IsNaN(temperature) || temperature < 0 || temperature > 2))
        {
            throw new ArgumentOutOfRangeException("request", temperature, "ChatCompletionRequest.Temperature must be between 0 and 2.");
        }

        if (TopP is { } topP && (double.IsNaN(topP) || topP < 0 || topP > 1))
        {
            throw new ArgumentOutOfRangeException("request", topP, "ChatCompletionRequest.TopP must be between 0 and 1.");
        }

        if (MaxTokens is < 1)
        {
            throw new ArgumentOutOfRangeException("request", MaxTokens, "ChatCompletionRequest.MaxTokens must be at least 1.");
        }

        if (MaxCompletionTokens is < 1)
        {
            throw new ArgumentOutOfRangeException("request", MaxCompletionTokens, "ChatCompletionRequest.MaxCompletionTokens must be at least 1.");
        }

        if (MaxTokens is not null && MaxCompletionTokens is not null)
        {
            throw new ArgumentException("ChatCompletionRequest sets both MaxTokens and MaxCompletionTokens; set one (MaxCompletionTokens counts reasoning tokens too).", "request");
        }

        if (N is < 1 or > 128)
        {
            throw new ArgumentOutOfRangeException("request", N, "ChatCompletionRequest.N must be between 1 and 128.");
        }

        if (TopLogprobs is { } top && (top < 0 || top > 20))
        {
            throw new ArgumentOutOfRangeException("request", top, "ChatCompletionRequest.TopLogprobs must be between 0 and 20.");
        }

        if (TopLogprobs is not null && Logprobs != true)
        {
            throw new ArgumentException("ChatCompletionRequest.TopLogprobs needs ChatCompletionRequest.Logprobs = true.", "request");
        }

        if (Prediction is { } prediction && (string.IsNullOrEmpty(prediction.Type) || prediction.Content is null))
        {
            throw new ArgumentException("ChatCompletionRequest.Prediction needs a Type and the predicted Content; use ChatPrediction.FromContent(text).", "request");
        }

        if (StreamOptions is not null && !streaming)
        {
            throw new ArgumentException("ChatCompletionRequest.StreamOptions applies to a streamed answer: call CreateStreamingAsync, or leave it null.", "request");
        }

        if (Stop is { Count: > 4 or 0 })
        {
            throw new ArgumentException($"ChatCompletionRequest.Stop takes one to four sequences (was {Stop.Count}).", "request");
        }

        if (Tools is { Count: > 128 })
        {
            throw new ArgumentException($"ChatCompletionRequest.Tools takes at most 128 tools (was {Tools.Count}).", "request");
        }

        ValidateToolChoice();
        ValidateResponseFormat();

        if (AdditionalProperties is not null)
        {
            foreach (var name in AdditionalProperties.Keys)
            {
                if (name == "stream")
                {
                    throw new ArgumentException($"ChatCompletionRequest.AdditionalProperties has 'stream', which the SDK sets from the method called: call {(streaming ? "CreateStreamingAsync" : "CreateStreamingAsync to stream, CreateAsync for one answer")} and leave it out.", "request");
                }

                if (Array.IndexOf(TypedNames, name) >= 0)
                {
                    throw new ArgumentException($"ChatCompletionRequest.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", "request");
                }
            }
        }
    }

    private void ValidateContentParts()
    {
        var images = 0;
        for (var i = 0; i < Messages.Count; i++)
        {
            var message = Messages[i];
            if (message.ContentParts is not { } parts)
            {
                continue;
            }

            if (message.Content is not null)
            {
                throw new ArgumentException($"ChatCompletionRequest.Messages[{i}] sets both Content and ContentParts; set one.", "request");
            }

            if (parts.Count == 0)
            {
                throw new ArgumentException($"ChatCompletionRequest.Messages[{i}].ContentParts is empty.", "request");
            }

            for (var j = 0; j < parts.Count; j++)
            {
                var part = parts[j] ?? throw new ArgumentException($"ChatCompletionRequest.Messages[{i}].ContentParts[{j}] is null.", "request");
                if (part.Type == ChatContentPartType.ImageUrl)
                {
                    if (string.IsNullOrWhiteSpace(part.ImageUrl?.Url))
                    {
                        throw new ArgumentException($"ChatCompletionRequest.Messages[{i}].ContentParts[{j}] is an image without a URL; use ChatContentPart.CreateImageFromUrl, CreateImageFromBytes or CreateImageFromFile.", "request");
                    }

                    images++;
                }
                else if (part.Type == ChatContentPartType.Text && part.Text is null)
                {
                    throw new ArgumentException($"ChatCompletionRequest.Messages[{i}].ContentParts[{j}] is a text part without text.", "request");
                }
                else if (part.Type.Value.Length == 0)
                {
                    throw new ArgumentException($"ChatCompletionRequest.Messages[{i}].ContentParts[{j}] has no Type; use ChatContentPart.CreateText or CreateImageFromUrl.", "request");
                }
            }
        }

        if (images > MaxImages)
        {
            throw new ArgumentException($"ChatCompletionRequest carries {images} images; the API takes at most {MaxImages} per request.", "request");
        }
    }

    private void ValidateToolChoice()
    {
        if (ToolChoice is not { } choice)
        {
            return;
        }

        if (choice.FunctionName is { } function)
        {
            if (Tools is null || !Tools.Any(t => t?.Function?.Name == function))
            {
                throw new ArgumentException($"ChatCompletionRequest.ToolChoice forces the function '{function}', which is not in ChatCompletionRequest.Tools.", "request");
            }
        }
        else if (choice.Mode == ChatToolChoiceMode.Required && Tools is not { Count: > 0 })
        {
            throw new ArgumentException("ChatCompletionRequest.ToolChoice is 'required' but ChatCompletionRequest.Tools is empty.", "request");
        }
    }

    private void ValidateResponseFormat()
    {
        if (ResponseFormat is not { } format)
        {
            return;
        }

        if (format.Type.Value.Length == 0)
        {
            throw new ArgumentException("ChatCompletionRequest.ResponseFormat.Type is empty; use ChatResponseFormatType.Text, JsonObject or JsonSchema.", "request");
        }

        if (format.Type == ChatResponseFormatType.JsonSchema && (format.JsonSchema is null || string.IsNullOrWhiteSpace(format.JsonSchema.Name)))
        {
            throw new ArgumentException("ChatCompletionRequest.ResponseFormat is 'json_schema' but has no JsonSchema with a Name; use ChatResponseFormat.ForJsonSchema(name, schema).", "request");
        }

        if (format.JsonSchema is not null && (format.Type == ChatResponseFormatType.Text || format.Type == ChatResponseFormatType.JsonObject))
        {
            throw new ArgumentException($"ChatCompletionRequest.ResponseFormat has a JsonSchema but its Type is '{format.Type}'; a schema goes with 'json_schema'.", "request");
        }
    }
#pragma warning restore CA2208
}
