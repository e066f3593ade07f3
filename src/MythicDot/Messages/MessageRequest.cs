using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Messages;

/// <summary>A request for <c>POST /messages</c>: the model's next turn of a conversation.</summary>
/// <remarks>Whether the answer streams is the method's choice (<see cref="MessagesClient.CreateAsync(MessageRequest, RequestOptions?, CancellationToken)"/> or
/// <see cref="MessagesClient.CreateStreamingAsync(MessageRequest, RequestOptions?, CancellationToken)"/>); the request has no stream flag.</remarks>
public sealed class MessageRequest : Resilience.ITokenEstimated
{
    // The token limiter's estimate (internal: callers use TokenEstimator.Estimate).
    int Resilience.ITokenEstimated.EstimateTokens(Resilience.TokenEstimator estimator) => estimator.Estimate(this);

    /// <summary>Initializes a new instance of the <see cref="MessageRequest"/> class; set <see cref="Model"/>, <see cref="MaxTokens"/> and <see cref="Messages"/>.</summary>
    public MessageRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MessageRequest"/> class: one user message.</summary>
    /// <param name="model">The model id, for example <c>mythic-4</c>.</param>
    /// <param name="maxTokens">The most tokens the answer may have (at least 1).</param>
    /// <param name="userText">The user's message.</param>
    public MessageRequest(string model, int maxTokens, string userText)
    {
        Model = model;
        MaxTokens = maxTokens;
        Messages = [MessageParam.User(userText)];
    }

    /// <summary>Gets or sets the model id, for example <c>mythic-4</c> or <c>mythic-4-thinking</c> (required).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the most tokens the answer may have, thinking included (required, at least 1).</summary>
    public int MaxTokens { get; set; }

    /// <summary>Gets or sets the system prompt as text; <see langword="null"/> for none, or when it is sent as <see cref="SystemBlocks"/>. Set one of the two.</summary>
    [JsonIgnore]
    public string? System { get; set; }

    /// <summary>Gets or sets the system prompt as text blocks (<see cref="MessageContentBlock.CreateText(string)"/>); <see langword="null"/> when it is the text of <see cref="System"/>.</summary>
    [JsonIgnore]
    public IList<MessageContentBlock>? SystemBlocks { get; set; }

    /// <summary>The wire's <c>system</c>: a string, or an array of text blocks.</summary>
    [JsonPropertyName("system")]
    [JsonInclude]
    [JsonConverter(typeof(MessageContentConverter))]
    internal MessageContent? WireSystem
    {
        get => MessageContent.Of(System, SystemBlocks);
        set
        {
            System = value?.Text;
            SystemBlocks = value?.Blocks?.ToList();
        }
    }

    /// <summary>Gets or sets the conversation so far (required, at least one message), user and assistant turns.</summary>
    public IList<MessageParam> Messages { get; set; } = [];

    /// <summary>Gets or sets the tools the model may call.</summary>
    public IList<MessageTool>? Tools { get; set; }

    /// <summary>Gets or sets how the model may use <see cref="Tools"/>.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, <see cref="MessageToolChoice.Auto"/>.</value>
    public MessageToolChoice? ToolChoice { get; set; }

    /// <summary>Gets or sets extended thinking (<see cref="MessageThinkingConfig.Enabled(int)"/>); when on, the beta header is sent.</summary>
    public MessageThinkingConfig? Thinking { get; set; }

    /// <summary>Gets or sets sequences at which the model stops (<see cref="MessageStopReason.StopSequence"/>).</summary>
    public IList<string>? StopSequences { get; set; }

    /// <summary>Gets or sets the sampling temperature, 0 to 1.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, 1.</value>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling's probability mass, 0 to 1.</summary>
    /// <value>The default is <see langword="null"/>: the API's default (no nucleus sampling).</value>
    public double? TopP { get; set; }

    /// <summary>Gets or sets how many of the likeliest tokens the model samples from (at least 1).</summary>
    /// <value>The default is <see langword="null"/>: the API's default (no limit).</value>
    public int? TopK { get; set; }

    /// <summary>Gets or sets what the request says about its caller.</summary>
    public MessageMetadata? Metadata { get; set; }

    /// <summary>Gets or sets fields a model accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    internal static readonly string[] TypedNames =
        ["model", "max_tokens", "system", "messages", "tools", "tool_choice", "thinking", "stop_sequences", "temperature", "top_p", "top_k", "metadata", "stream"];

    /// <summary>Gets whether the request turns extended thinking on, which needs the beta header.</summary>
    internal bool ThinkingEnabled => Thinking is { } thinking && thinking.Type == MessageThinkingType.Enabled;

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(MessageRequest request, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ValidateFields(streaming);
    }

#pragma warning disable CA2208 // The errors name 'request', the parameter of the public method that validates.
    private void ValidateFields(bool streaming)
    {
        const string Owner = nameof(MessageRequest);
        MessageRules.Model(Model, Owner);
        if (MaxTokens < 1)
        {
            throw new ArgumentOutOfRangeException("request", MaxTokens, "MessageRequest.MaxTokens is required and must be at least 1.");
        }

        MessageRules.System(System, SystemBlocks, Owner);
        MessageRules.Messages(Messages, Owner);
        MessageRules.Tools(Tools, ToolChoice, Owner);
        ValidateThinking();

        if (Temperature is { } temperature && (double.IsNaN(temperature) || temperature < 0 || temperature > 1))
        {
            throw new ArgumentOutOfRangeException("request", temperature, "MessageRequest.Temperature must be between 0 and 1.");
        }

        if (TopP is { } topP && (double.IsNaN(topP) || topP < 0 || topP > 1))
        {
            throw new ArgumentOutOfRangeException("request", topP, "MessageRequest.TopP must be between 0 and 1.");
        }

        if (TopK is < 1)
        {
            throw new ArgumentOutOfRangeException("request", TopK, "MessageRequest.TopK must be at least 1.");
        }

        if (StopSequences is { } stops)
        {
            for (var i = 0; i < stops.Count; i++)
            {
                if (string.IsNullOrEmpty(stops[i]))
                {
                    throw new ArgumentException($"MessageRequest.StopSequences[{i}] is null or empty.", "request");
                }
            }
        }

        MessageRules.AdditionalProperties(AdditionalProperties, TypedNames, Owner, streaming);
    }

    private void ValidateThinking()
    {
        if (Thinking is not { } thinking)
        {
            return;
        }

        if (thinking.Type.Value.Length == 0)
        {
            throw new ArgumentException("MessageRequest.Thinking.Type is empty; use MessageThinkingConfig.Enabled(budgetTokens) or MessageThinkingConfig.Disabled().", "request");
        }

        if (thinking.Type != MessageThinkingType.Enabled)
        {
            return;
        }

        if (thinking.BudgetTokens is not { } budget || budget < MessageThinkingConfig.MinBudgetTokens)
        {
            throw new ArgumentOutOfRangeException("request", thinking.BudgetTokens, $"MessageRequest.Thinking.BudgetTokens must be at least {MessageThinkingConfig.MinBudgetTokens} when thinking is enabled.");
        }

        if (budget >= MaxTokens)
        {
            throw new ArgumentOutOfRangeException("request", budget, $"MessageRequest.Thinking.BudgetTokens ({budget}) must be less than MessageRequest.MaxTokens ({MaxTokens}): thinking counts towards the answer's tokens.");
        }
    }
#pragma warning restore CA2208
}
