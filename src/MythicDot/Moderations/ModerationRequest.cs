using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Moderations;

/// <summary>A request for <c>POST /moderations</c>: texts to check against the usage policies.</summary>
public sealed class ModerationRequest
{
    internal static readonly string[] TypedNames = ["model", "input"];

    /// <summary>Initializes a new instance of the <see cref="ModerationRequest"/> class, to fill with an object initializer.</summary>
    public ModerationRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModerationRequest"/> class for one text.</summary>
    /// <param name="input">The text to check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    public ModerationRequest(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = [input];
    }

    /// <summary>Initializes a new instance of the <see cref="ModerationRequest"/> class for several texts, checked in one call.</summary>
    /// <param name="inputs">The texts to check; the response has one result per text, in order.</param>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> is empty or holds a <see langword="null"/>.</exception>
    public ModerationRequest(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Input = inputs as IList<string> ?? inputs.ToList();
        Validate(this, nameof(inputs));
    }

    /// <summary>Gets or sets the moderation model; <see langword="null"/> for the API's default.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the texts to check (at least one, none <see langword="null"/>); one is sent as a JSON string, several as an array.</summary>
    [JsonConverter(typeof(StringOrStringsConverter))]
    public IList<string> Input { get; set; } = [];

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(ModerationRequest request, string paramName)
    {
        if (request.Model is { } model && string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("ModerationRequest.Model is blank; leave it null for the API's default model.", paramName);
        }

        if (request.Input is not { Count: > 0 } input)
        {
            throw new ArgumentException("ModerationRequest.Input needs at least one text.", paramName);
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] is null)
            {
                throw new ArgumentException($"ModerationRequest.Input[{i}] is null.", paramName);
            }
        }

        foreach (var name in request.AdditionalProperties?.Keys ?? [])
        {
            if (Array.IndexOf(TypedNames, name) >= 0)
            {
                throw new ArgumentException($"ModerationRequest.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", paramName);
            }
        }
    }
}
