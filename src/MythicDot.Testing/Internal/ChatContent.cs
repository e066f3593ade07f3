using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>A message's <c>content</c>: a string, or an array of parts, <c>{"type":"text","text"}</c> and (in user messages only)
/// <c>{"type":"image_url","image_url":{"url","detail"?}}</c>.</summary>
/// <remarks>
/// An image's <c>url</c> is an absolute <c>http</c> or <c>https</c> URL, or <c>data:&lt;media type&gt;;base64,&lt;data&gt;</c> with
/// one of <see cref="ImageMediaTypes"/> and a non-empty, valid base64 payload; <c>detail</c>, when given, is <c>auto</c>, <c>low</c>
/// or <c>high</c>. An assistant message may also carry <c>{"type":"refusal","refusal"}</c> parts.
/// </remarks>
internal static class ChatContent
{
    /// <summary>The most images one request may carry, across all its messages (API.md: up to 10 images per request).</summary>
    public const int MaxImages = 10;

    /// <summary>The media types a <c>data:</c> URL may have.</summary>
    public static readonly string[] ImageMediaTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    private static readonly string[] Details = ["auto", "low", "high"];

    /// <summary>Checks a message's content parts; a string needs no check.</summary>
    /// <param name="content">The <c>content</c>, a string or an array.</param>
    /// <param name="role">The message's role.</param>
    /// <param name="name">The message's path, <c>messages[2]</c>.</param>
    /// <param name="images">Incremented by the images the content carries.</param>
    /// <returns>The first rule broken, or null.</returns>
    public static EmulatorError? Validate(JsonElement content, string role, string name, ref int images)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (content.GetArrayLength() == 0)
        {
            return Invalid($"'{name}.content' must be a string or a non-empty array of content parts.", name + ".content");
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{name}.content[{index}]");
            if (ValidatePart(part, role, name, path, ref images) is { } invalid)
            {
                return invalid;
            }

            index++;
        }

        return null;
    }

    /// <summary>The text of a content: the string, or the <c>text</c> of each text part joined by a space.</summary>
    public static string TextOf(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length == 0 ? string.Empty : " ").Append(partText.GetString());
                    }
                }

                return text.ToString();
            default:
                return string.Empty;
        }
    }

    /// <summary>The number of <c>image_url</c> parts of a content.</summary>
    public static int ImageCount(JsonElement content) =>
        content.ValueKind == JsonValueKind.Array ? content.EnumerateArray().Count(IsImage) : 0;

    private static bool IsImage(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.ValueEquals("image_url");

    private static EmulatorError? ValidatePart(JsonElement part, string role, string name, string path, ref int images)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"'{path}' must be an object, for example {{\"type\":\"text\",\"text\":\"...\"}}.", path);
        }

        if (!ChatRequestOptions.Present(part, "type", out var type))
        {
            return EmulatorError.Missing(path + ".type");
        }

        var kind = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        switch (kind)
        {
            case "text":
                return RequiredText(part, "text", path);
            case "refusal" when role == "assistant":
                return RequiredText(part, "refusal", path);
            case "image_url" when role != "user":
                return Invalid($"'{path}' is an image, but only user messages may carry images ('{name}' has the role '{role}').", path);
            case "image_url":
                images++;
                return ValidateImage(part, path);
            default:
                return Invalid(
                    role switch
                    {
                        "user" => $"'{path}.type' must be \"text\" or \"image_url\".",
                        "assistant" => $"'{path}.type' must be \"text\" or \"refusal\".",
                        _ => $"'{path}.type' must be \"text\" in a {role} message.",
                    },
                    path + ".type");
        }
    }

    private static EmulatorError? RequiredText(JsonElement part, string property, string path)
    {
        if (!ChatRequestOptions.Present(part, property, out var text))
        {
            return EmulatorError.Missing(path + "." + property);
        }

        return text.ValueKind == JsonValueKind.String ? null : Invalid($"'{path}.{property}' must be a string.", path + "." + property);
    }

    private static EmulatorError? ValidateImage(JsonElement part, string path)
    {
        if (!ChatRequestOptions.Present(part, "image_url", out var image))
        {
            return EmulatorError.Missing(path + ".image_url");
        }

        if (image.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"'{path}.image_url' must be an object: {{\"url\":\"...\",\"detail\":\"auto\"}}.", path + ".image_url");
        }

        if (!ChatRequestOptions.Present(image, "url", out var url) || (url.ValueKind == JsonValueKind.String && url.GetString()!.Length == 0))
        {
            return EmulatorError.Missing(path + ".image_url.url");
        }

        if ((url.ValueKind == JsonValueKind.String ? UrlProblem(url.GetString()!) : "it is not a string") is { } problem)
        {
            return Invalid($"'{path}.image_url.url' must be an http(s) URL or a base64 data URL (data:image/png;base64,...): {problem}.", path + ".image_url.url");
        }

        if (ChatRequestOptions.Present(image, "detail", out var detail)
            && !(detail.ValueKind == JsonValueKind.String && Array.IndexOf(Details, detail.GetString()) >= 0))
        {
            return Invalid($"'{path}.image_url.detail' must be \"auto\", \"low\" or \"high\".", path + ".image_url.detail");
        }

        return null;
    }

    /// <summary>What is wrong with an image URL, or null when it is an http(s) URL or an image data URL with valid base64.</summary>
    private static string? UrlProblem(string url)
    {
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
                ? null
                : "it is not an absolute http or https URL";
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? url[5..] : url[5..comma];
        const string Base64Marker = ";base64";
        if (comma < 0 || !header.EndsWith(Base64Marker, StringComparison.OrdinalIgnoreCase))
        {
            return "a data URL must have the form data:<media type>;base64,<data>";
        }

        var mediaType = header[..^Base64Marker.Length];
        if (!ImageMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return $"the media type '{mediaType}' is not one of {string.Join(", ", ImageMediaTypes)}";
        }

        var payload = url[(comma + 1)..];
        return payload.Length > 0 && Convert.TryFromBase64String(payload, new byte[payload.Length], out _)
            ? null
            : "its payload is not valid base64";
    }

    private static EmulatorError Invalid(string message, string param) => EmulatorError.Invalid(ErrorCodes.ParameterInvalid, message, param);
}
