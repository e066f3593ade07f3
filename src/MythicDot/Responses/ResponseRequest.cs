using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>A request for <c>POST /responses</c>: the input (text or items), and how to answer it. The server keeps the
/// conversation: the next request names this one's answer in <see cref="PreviousResponseId"/> and sends only what is new.</summary>
public sealed class ResponseRequest : Resilience.ITokenEstimated
{
    // The token limiter's estimate (internal: callers use TokenEstimator.Estimate).
    int Resilience.ITokenEstimated.EstimateTokens(Resilience.TokenEstimator estimator) => estimator.Estimate(this);

    internal static readonly string[] TypedNames =
        ["model", "input", "instructions", "previous_response_id", "tools", "temperature", "top_p", "max_output_tokens", "store", "metadata"];

    /// <summary>Initializes a new instance of the <see cref="ResponseRequest"/> class, to fill with an object initializer.</summary>
    public ResponseRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ResponseRequest"/> class for a text input.</summary>
    /// <param name="model">The model id, for example <c>mythic-4</c>.</param>
    /// <param name="input">The user's text.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or <paramref name="input"/> is <see langword="null"/>.</exception>
    public ResponseRequest(string model, string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(input);
        Model = model;
        Input = input;
    }

    /// <summary>Initializes a new instance of the <see cref="ResponseRequest"/> class for input items.</summary>
    /// <param name="model">The model id, for example <c>mythic-4</c>.</param>
    /// <param name="items">The items: messages, function call outputs, earlier output items.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or <paramref name="items"/> is <see langword="null"/>.</exception>
    public ResponseRequest(string model, IEnumerable<ResponseItem> items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(items);
        Model = model;
        InputItems = items.ToList();
    }

    /// <summary>Gets or sets the model id, for example <c>mythic-4</c> (required).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the input as text (a user message); set this or <see cref="InputItems"/>.</summary>
    [JsonIgnore]
    public string? Input { get; set; }

    /// <summary>Gets or sets the input as items; set this or <see cref="Input"/>.</summary>
    [JsonIgnore]
    public IList<ResponseItem>? InputItems { get; set; }

    [JsonPropertyName("input")]
    [JsonInclude]
    [JsonConverter(typeof(ResponseInputConverter))]
    internal TextOrParts<ResponseItem>? WireInput
    {
        get => TextOrParts<ResponseItem>.From(Input, InputItems is null ? null : InputItems as IReadOnlyList<ResponseItem> ?? InputItems.ToList());
        set
        {
            Input = value?.Text;
            InputItems = value?.Parts?.ToList();
        }
    }

    /// <summary>Gets or sets instructions for this response (a system message that is not carried to the next one).</summary>
    public string? Instructions { get; set; }

    /// <summary>Gets or sets the id of the response this one continues; the server adds that conversation before <see cref="Input"/>.</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>Gets or sets the function tools the model may call.</summary>
    public IList<ResponseTool>? Tools { get; set; }

    /// <summary>Gets or sets the sampling temperature, 0 to 2.</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets nucleus sampling's probability mass, 0 to 1.</summary>
    public double? TopP { get; set; }

    /// <summary>Gets or sets the most tokens the output may have, reasoning included (at least 1).</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets whether the server keeps the response (so that it can be fetched and continued); the API's default is to keep it.</summary>
    public bool? Store { get; set; }

    /// <summary>Gets or sets up to 16 key-value pairs to attach to the response.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet (for example <c>tool_choice</c>, <c>reasoning</c>); they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }


    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(ResponseRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("ResponseRequest.Model is required (for example \"mythic-4\").", nameof(request));
        }

        if ((request.Input is null) == (request.InputItems is null))
        {
            throw new ArgumentException(request.Input is null
                ? "ResponseRequest needs an input: set Input (text) or InputItems."
                : "ResponseRequest sets both Input and InputItems; set one.", nameof(request));
        }

        for (var i = 0; i < (request.InputItems?.Count ?? 0); i++)
        {
            var item = request.InputItems![i] ?? throw new ArgumentException($"ResponseRequest.InputItems[{i}] is null.", nameof(request));
            if (item.Type.Value.Length == 0)
            {
                throw new ArgumentException($"ResponseRequest.InputItems[{i}] has no Type; build it with ResponseItem.UserMessage, FunctionCallOutput, ...", nameof(request));
            }

            if (item.Type == ResponseItemType.FunctionCallOutput && (string.IsNullOrWhiteSpace(item.CallId) || item.Output is null))
            {
                throw new ArgumentException($"ResponseRequest.InputItems[{i}] is a function_call_output without a CallId or an Output.", nameof(request));
            }

            if (item.Type == ResponseItemType.Message && item.Role is null)
            {
                throw new ArgumentException($"ResponseRequest.InputItems[{i}] is a message without a Role.", nameof(request));
            }
        }

        if (request.PreviousResponseId is { } previous && string.IsNullOrWhiteSpace(previous))
        {
            throw new ArgumentException("ResponseRequest.PreviousResponseId is blank; leave it null to start a conversation.", nameof(request));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            var tool = request.Tools![i] ?? throw new ArgumentException($"ResponseRequest.Tools[{i}] is null.", nameof(request));
            if (tool.Type == "function" && string.IsNullOrWhiteSpace(tool.Name))
            {
                throw new ArgumentException($"ResponseRequest.Tools[{i}] is a function without a Name.", nameof(request));
            }

            if (tool.Name is { } name && !names.Add(name))
            {
                throw new ArgumentException($"ResponseRequest.Tools has the function '{name}' twice.", nameof(request));
            }
        }

        if (request.Temperature is { } temperature && (double.IsNaN(temperature) || temperature < 0 || temperature > 2))
        {
            throw new ArgumentOutOfRangeException(nameof(request), temperature, "ResponseRequest.Temperature must be between 0 and 2.");
        }

        if (request.TopP is { } topP && (double.IsNaN(topP) || topP < 0 || topP > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), topP, "ResponseRequest.TopP must be between 0 and 1.");
        }

        if (request.MaxOutputTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxOutputTokens, "ResponseRequest.MaxOutputTokens must be at least 1.");
        }

        if (request.Metadata is { Count: > 16 })
        {
            throw new ArgumentException($"ResponseRequest.Metadata takes at most 16 pairs (was {request.Metadata.Count}).", nameof(request));
        }

        foreach (var name in request.AdditionalProperties?.Keys ?? [])
        {
            if (name == "stream")
            {
                throw new ArgumentException("ResponseRequest.AdditionalProperties has 'stream': the SDK's Responses calls are not streamed; leave it out.", nameof(request));
            }

            if (Array.IndexOf(TypedNames, name) >= 0)
            {
                throw new ArgumentException($"ResponseRequest.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", nameof(request));
            }
        }
    }

}

/// <summary>Reads and writes a response request's <c>input</c>: a string, or an array of <see cref="ResponseItem"/>s.</summary>
internal sealed class ResponseInputConverter : TextOrPartsConverter<ResponseItem>
{
    protected override System.Text.Json.Serialization.Metadata.JsonTypeInfo<IReadOnlyList<ResponseItem>> PartsInfo =>
        ResponsesJsonContext.Default.IReadOnlyListResponseItem;

    protected override string Owner => "A response request's input";
}
