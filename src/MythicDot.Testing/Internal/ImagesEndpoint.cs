using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary><c>POST /images/generations</c>: validates the request as the API documents it, and answers with one image URL
/// derived from the model, prompt and size, under <c>https://images.emulator.mythicdot.invalid/</c>.</summary>
internal static class ImagesEndpoint
{
    /// <summary>The providers the emulator knows; any other <c>provider</c> is 404 <c>provider.notfound</c>.</summary>
    public static readonly string[] Providers = ["stability", "openai", "black-forest-labs", "google"];

    private static readonly string[] Routings = ["optimal", "cheapest", "compatible"];

    public static Task GenerateAsync(EmulatorRequestContext context)
    {
        using var document = JsonRequest.Parse(context, out var invalidBody);
        if (document is null)
        {
            return context.WriteErrorAsync(invalidBody!);
        }

        var root = document.RootElement;
        if (Validate(root) is { } invalid)
        {
            return context.WriteErrorAsync(invalid);
        }

        if (root.TryGetProperty("provider", out var provider) && provider.ValueKind == JsonValueKind.String
            && Array.IndexOf(Providers, provider.GetString()) < 0)
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ProviderNotFound, $"The provider '{provider.GetString()}' does not exist.", "provider");
        }

        var model = root.GetProperty("model").GetString()!;
        var prompt = root.GetProperty("prompt").GetString()!;
        var size = root.TryGetProperty("size", out var sizeElement) && sizeElement.ValueKind == JsonValueKind.String ? sizeElement.GetString()! : "1024x1024";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + prompt + "\n" + size)), 0, 16).ToLowerInvariant();
        var created = context.State.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("created", created);
            writer.WriteStartArray("data");
            writer.WriteStartObject();
            writer.WriteString("url", "https://images.emulator.mythicdot.invalid/" + hash + ".png");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteBoolean("success", true);
            writer.WriteEndObject();
        });
    }

    private static EmulatorError? Validate(JsonElement root)
    {
        if (EmulatorError.RequiredString(root, "prompt", "a lighthouse at dusk", out var prompt) is { } invalidPrompt)
        {
            return invalidPrompt;
        }

        // Characters are counted as Unicode code points, as the SDK counts them.
        var length = prompt.EnumerateRunes().Count();
        if (length > EmulatorDefaults.MaxImagePromptLength)
        {
            return EmulatorError.Invalid(
                ErrorCodes.ParameterInvalid,
                string.Create(CultureInfo.InvariantCulture, $"'prompt' is {length} characters long; the most is {EmulatorDefaults.MaxImagePromptLength}."),
                "prompt");
        }

        if (EmulatorError.RequiredString(root, "model", "stability/sdxl", out var model) is { } invalidModel)
        {
            return invalidModel;
        }

        if (!IsModelForm(model))
        {
            return EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'model' must have the form base/slug[:version], for example \"stability/sdxl\" (was \"{model}\").", "model");
        }

        if (OptionalString(root, "size") is { } size && !IsSize(size))
        {
            return EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'size' must be WIDTHxHEIGHT in pixels, for example \"1024x1024\".", "size");
        }

        if (OptionalString(root, "routing") is { } routing && Array.IndexOf(Routings, routing) < 0)
        {
            return EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'routing' must be \"optimal\", \"cheapest\" or \"compatible\".", "routing");
        }

        return WrongKind(root, "size", JsonValueKind.String)
            ?? WrongKind(root, "routing", JsonValueKind.String)
            ?? WrongKind(root, "provider", JsonValueKind.String)
            ?? (root.TryGetProperty("public", out var isPublic) && isPublic.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
                ? EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'public' must be true or false.", "public")
                : null);
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static EmulatorError? WrongKind(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != kind && value.ValueKind != JsonValueKind.Null
            ? EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'{name}' must be a string.", name)
            : null;

    private static bool IsModelForm(string model)
    {
        var parts = model.Split('/');
        if (parts.Length != 2)
        {
            return false;
        }

        var slug = parts[1].Split(':');
        return IsSegment(parts[0]) && slug.Length <= 2 && slug.All(IsSegment);
    }

    private static bool IsSegment(string segment) => segment.Length > 0 && !segment.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static bool IsSize(string size)
    {
        var parts = size.Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height > 0;
    }
}
