using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Embeddings;
using MythicDot.Serialization;

namespace MythicDot.Embeddings;

/// <summary>A request for <c>POST /embeddings</c>.</summary>
public sealed class EmbeddingRequest : Resilience.ITokenEstimated
{
    // The token limiter's estimate (internal: callers use TokenEstimator.Estimate).
    int Resilience.ITokenEstimated.EstimateTokens(Resilience.TokenEstimator estimator) => estimator.Estimate(this);

    /// <summary>The most inputs one request may carry.</summary>
    public const int MaxInputs = 2048;

    internal static readonly string[] TypedNames = ["model", "input", "encoding_format"];

    /// <summary>Initializes a new instance of the <see cref="EmbeddingRequest"/> class, to fill with an object initializer.</summary>
    public EmbeddingRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EmbeddingRequest"/> class for one text.</summary>
    /// <param name="model">The model id, for example <c>mythic-embed-3</c>.</param>
    /// <param name="input">The text to embed.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or <paramref name="input"/> is <see langword="null"/>.</exception>
    public EmbeddingRequest(string model, string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(input);
        Model = model;
        Input = [input];
    }

    /// <summary>Initializes a new instance of the <see cref="EmbeddingRequest"/> class for several texts, embedded in one call.</summary>
    /// <param name="model">The model id, for example <c>mythic-embed-3</c>.</param>
    /// <param name="inputs">The texts to embed: one to <see cref="MaxInputs"/>, none <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty, or <paramref name="inputs"/> is empty, too long or holds a <see langword="null"/>.</exception>
    public EmbeddingRequest(string model, IEnumerable<string> inputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(inputs);
        Model = model;
        Input = inputs as IList<string> ?? inputs.ToList();
        Validate(this, nameof(inputs));
    }

    /// <summary>Gets or sets the model id, for example <c>mythic-embed-3</c> (required).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the texts to embed: one to <see cref="MaxInputs"/>, none <see langword="null"/>.</summary>
    /// <remarks>One input is sent as a JSON string, several as an array; the response has one <see cref="Embedding"/> per input,
    /// with <see cref="Embedding.Index"/> giving its position here.</remarks>
    [JsonConverter(typeof(StringOrStringsConverter))]
    public IList<string> Input { get; set; } = [];

    /// <summary>Gets or sets how the vectors travel; the result is float32 either way.</summary>
    /// <value>The default is <see cref="EmbeddingEncodingFormat.Base64"/>, as the official OpenAI clients send: smaller on the wire and
    /// decoded straight into the vectors. <see cref="EmbeddingEncodingFormat.Floats"/> asks for JSON numbers.</value>
    [JsonPropertyName("encoding_format")]
    public EmbeddingEncodingFormat EncodingFormat { get; set; } = EmbeddingEncodingFormat.Base64;

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    /// <param name="request">The request.</param>
    /// <param name="paramName">The parameter of the public method the errors name.</param>
    internal static void Validate(EmbeddingRequest request, string paramName)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("EmbeddingRequest.Model is required (for example \"mythic-embed-3\").", paramName);
        }

        var input = request.Input;
        if (input is null || input.Count == 0)
        {
            throw new ArgumentException("EmbeddingRequest.Input needs at least one text.", paramName);
        }

        if (input.Count > MaxInputs)
        {
            throw new ArgumentException($"EmbeddingRequest.Input takes at most {MaxInputs} texts (was {input.Count}).", paramName);
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] is null)
            {
                throw new ArgumentException($"EmbeddingRequest.Input[{i}] is null.", paramName);
            }
        }

        if (request.EncodingFormat.Value.Length == 0)
        {
            throw new ArgumentException("EmbeddingRequest.EncodingFormat is empty; use EmbeddingEncodingFormat.Base64 (the default) or Floats.", paramName);
        }

        if (request.AdditionalProperties is { } additional)
        {
            foreach (var name in additional.Keys)
            {
                if (Array.IndexOf(TypedNames, name) >= 0)
                {
                    throw new ArgumentException($"EmbeddingRequest.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", paramName);
                }
            }
        }
    }
}
