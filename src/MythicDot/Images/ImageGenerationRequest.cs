using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Images;

/// <summary>A request for <c>POST /images/generations</c>.</summary>
public sealed class ImageGenerationRequest
{
    /// <summary>The most characters a prompt may have.</summary>
    public const int MaxPromptLength = 1000;

    internal static readonly string[] TypedNames = ["model", "prompt", "size", "provider", "routing", "public"];

    /// <summary>Initializes a new instance of the <see cref="ImageGenerationRequest"/> class, to fill with an object initializer.</summary>
    public ImageGenerationRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImageGenerationRequest"/> class with the API's defaults for size, provider, routing and visibility.</summary>
    /// <param name="model">The model, in the form <c>base/slug[:version]</c>, for example <c>stability/sdxl</c>.</param>
    /// <param name="prompt">What to draw, at most <see cref="MaxPromptLength"/> characters.</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not <c>base/slug[:version]</c>, or <paramref name="prompt"/> is empty or too long.</exception>
    public ImageGenerationRequest(string model, string prompt)
    {
        ValidateModel(model, nameof(model));
        ValidatePrompt(prompt, nameof(prompt));
        Model = model;
        Prompt = prompt;
    }

    /// <summary>Gets or sets the model, in the form <c>base/slug[:version]</c>, for example <c>stability/sdxl</c> (required).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets what to draw (required, at most <see cref="MaxPromptLength"/> characters).</summary>
    /// <remarks>Characters are counted as Unicode code points, so an emoji counts once.</remarks>
    public string Prompt { get; set; } = string.Empty;

    /// <summary>Gets or sets the size in pixels as <c>WIDTHxHEIGHT</c>, for example <c>1024x1024</c>.</summary>
    /// <value>The default is <see langword="null"/>: the model's default size.</value>
    public string? Size { get; set; }

    /// <summary>Gets or sets the provider to generate with.</summary>
    /// <value>The default is <see langword="null"/>: the API picks one according to <see cref="Routing"/>.</value>
    public string? Provider { get; set; }

    /// <summary>Gets or sets how the API picks a provider.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, <see cref="ImageRouting.Optimal"/>.</value>
    public ImageRouting? Routing { get; set; }

    /// <summary>Gets or sets whether the generated images are public.</summary>
    /// <value>The default is <see langword="null"/>: the API's default, <see langword="true"/>.</value>
    public bool? Public { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    /// <param name="request">The request.</param>
    /// <param name="paramName">The parameter of the public method the errors name.</param>
    internal static void Validate(ImageGenerationRequest request, string paramName)
    {
        ValidateModel(request.Model, paramName);
        ValidatePrompt(request.Prompt, paramName);

        if (request.Size is { } size && !IsSize(size))
        {
            throw new ArgumentException($"ImageGenerationRequest.Size must be WIDTHxHEIGHT in pixels, for example \"1024x1024\" (was \"{size}\").", paramName);
        }

        if (request.Provider is { } provider && string.IsNullOrWhiteSpace(provider))
        {
            throw new ArgumentException("ImageGenerationRequest.Provider is blank; leave it null to let the API pick.", paramName);
        }

        if (request.Routing is { Value.Length: 0 })
        {
            throw new ArgumentException("ImageGenerationRequest.Routing is empty; use ImageRouting.Optimal, Cheapest or Compatible, or leave it null.", paramName);
        }

        if (request.AdditionalProperties is { } additional)
        {
            foreach (var name in additional.Keys)
            {
                if (Array.IndexOf(TypedNames, name) >= 0)
                {
                    throw new ArgumentException($"ImageGenerationRequest.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", paramName);
                }
            }
        }
    }

    /// <summary>Checks that <paramref name="model"/> has the form <c>base/slug[:version]</c>.</summary>
    internal static void ValidateModel(string? model, string paramName)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("ImageGenerationRequest.Model is required, in the form base/slug[:version] (for example \"stability/sdxl\").", paramName);
        }

        if (!IsModelForm(model))
        {
            throw new ArgumentException($"ImageGenerationRequest.Model must have the form base/slug[:version], for example \"stability/sdxl\" or \"stability/sdxl:1.0\" (was \"{model}\").", paramName);
        }
    }

    /// <summary>Checks that <paramref name="prompt"/> is given and at most <see cref="MaxPromptLength"/> characters long.</summary>
    internal static void ValidatePrompt(string? prompt, string paramName)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("ImageGenerationRequest.Prompt is required.", paramName);
        }

        // Length counts UTF-16 units, at least as many as code points: only a long string needs counting.
        if (prompt.Length > MaxPromptLength && CountCodePoints(prompt) is var length && length > MaxPromptLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"ImageGenerationRequest.Prompt is {length} characters long; the API accepts at most {MaxPromptLength}."),
                paramName);
        }
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsModelForm(string model)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var baseName = model.AsSpan(0, slash);
        var rest = model.AsSpan(slash + 1);
        var colon = rest.IndexOf(':');
        var slug = colon < 0 ? rest : rest[..colon];
        var version = colon < 0 ? "x" : rest[(colon + 1)..];
        return IsSegment(baseName) && IsSegment(slug) && IsSegment(version);
    }

    private static bool IsSegment(ReadOnlySpan<char> segment)
    {
        if (segment.IsEmpty)
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSize(string size)
    {
        var x = size.IndexOf('x', StringComparison.Ordinal);
        return x > 0
            && int.TryParse(size.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0
            && int.TryParse(size.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height > 0;
    }
}
