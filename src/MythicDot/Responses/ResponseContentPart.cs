using System.Text.Json;

namespace MythicDot.Responses;

/// <summary>One part of a message item's content: text or an image the caller sends, text or a refusal the model wrote.</summary>
public sealed class ResponseContentPart : ApiObject
{
    /// <summary>Gets or sets the kind of part.</summary>
    public ResponseContentPartType Type { get; init; }

    /// <summary>Gets or sets the text of an <see cref="ResponseContentPartType.InputText"/> or <see cref="ResponseContentPartType.OutputText"/> part.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the image of an <see cref="ResponseContentPartType.InputImage"/> part: an http(s) URL or a <c>data:</c> URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>Gets or sets how closely the model looks at an image: <c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets or sets the text of a <see cref="ResponseContentPartType.Refusal"/> part.</summary>
    public string? Refusal { get; init; }

    /// <summary>Gets or sets the annotations of an output text (citations, file paths), as the server sent them.</summary>
    public IReadOnlyList<JsonElement>? Annotations { get; init; }

    /// <summary>Creates an <c>input_text</c> part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static ResponseContentPart InputTextPart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Type = ResponseContentPartType.InputText, Text = text };
    }

    /// <summary>Creates an <c>input_image</c> part from an http(s) URL, or from an image's bytes through <see cref="Chat.ChatContentPart.CreateImageFromBytes"/>'s data URL.</summary>
    /// <param name="imageUrl">An absolute http(s) URL, or a <c>data:image/...;base64,...</c> URL.</param>
    /// <param name="detail"><c>auto</c>, <c>low</c> or <c>high</c>; <see langword="null"/> for the API's default.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException">The URL is neither an absolute http(s) URL nor an image data URL.</exception>
    public static ResponseContentPart InputImagePart(string imageUrl, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imageUrl);
        var isData = imageUrl.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);
        if (!isData && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw new ArgumentException($"An image must be an absolute http(s) URL or a data:image/... URL (was '{(imageUrl.Length > 64 ? imageUrl[..64] + "..." : imageUrl)}').", nameof(imageUrl));
        }

        return new() { Type = ResponseContentPartType.InputImage, ImageUrl = imageUrl, Detail = detail };
    }
}
