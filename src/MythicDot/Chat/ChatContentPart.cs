namespace MythicDot.Chat;

/// <summary>One part of a message's content sent as parts (<see cref="ChatMessage.ContentParts"/>): text, or an image for a vision model
/// such as <c>mythic-4-vision</c>.</summary>
/// <remarks>The API takes at most <see cref="ChatCompletionRequest.MaxImages"/> images per request; the SDK checks that before sending.</remarks>
public sealed class ChatContentPart : ApiObject
{
    private static readonly Dictionary<string, string> ImageMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    /// <summary>Gets or sets the kind of part.</summary>
    public ChatContentPartType Type { get; init; }

    /// <summary>Gets or sets the text of a <see cref="ChatContentPartType.Text"/> part.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the image of a <see cref="ChatContentPartType.ImageUrl"/> part.</summary>
    public ChatImageUrl? ImageUrl { get; init; }

    /// <summary>Creates a text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static ChatContentPart CreateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new() { Type = ChatContentPartType.Text, Text = text };
    }

    /// <summary>Creates an image part that the API fetches from a URL.</summary>
    /// <param name="url">An absolute <c>https</c> or <c>http</c> URL of the image.</param>
    /// <param name="detail">How closely the model looks; <see langword="null"/> for the API's default (<see cref="ChatImageDetail.Auto"/>).</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static ChatContentPart CreateImageFromUrl(Uri url, ChatImageDetail? detail = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"An image URL must be an absolute https or http URL (was '{url}'); send the image's bytes with CreateImageFromBytes(bytes, mediaType) instead.", nameof(url));
        }

        return new() { Type = ChatContentPartType.ImageUrl, ImageUrl = new ChatImageUrl { Url = url.AbsoluteUri, Detail = detail } };
    }

    /// <summary>Creates an image part that carries the image itself, as a <c>data:</c> URL.</summary>
    /// <param name="bytes">The image file's bytes.</param>
    /// <param name="mediaType">The image's media type: <c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c> or <c>image/webp</c>.</param>
    /// <param name="detail">How closely the model looks; <see langword="null"/> for the API's default.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException">The bytes are empty, or the media type is not an image type.</exception>
    public static ChatContentPart CreateImageFromBytes(ReadOnlyMemory<byte> bytes, string mediaType, ChatImageDetail? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("The image has no bytes.", nameof(bytes));
        }

        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.Length == "image/".Length
            || mediaType.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '"'))
        {
            throw new ArgumentException($"'{mediaType}' is not an image media type; use image/png, image/jpeg, image/gif or image/webp.", nameof(mediaType));
        }

#if NET
        var base64 = Convert.ToBase64String(bytes.Span);
#else
        var base64 = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? Convert.ToBase64String(segment.Array!, segment.Offset, segment.Count)
            : Convert.ToBase64String(bytes.ToArray());
#endif
        var url = "data:" + mediaType.ToLowerInvariant() + ";base64," + base64;
        return new() { Type = ChatContentPartType.ImageUrl, ImageUrl = new ChatImageUrl { Url = url, Detail = detail } };
    }

    /// <summary>Creates an image part from an image file, sent as a <c>data:</c> URL; the media type comes from the file's extension.</summary>
    /// <param name="path">The path of a <c>.png</c>, <c>.jpg</c>, <c>.jpeg</c>, <c>.gif</c> or <c>.webp</c> file. It is read now.</param>
    /// <param name="detail">How closely the model looks; <see langword="null"/> for the API's default.</param>
    /// <returns>The part.</returns>
    /// <exception cref="ArgumentException">The extension is not one of an image type the API takes.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ChatContentPart CreateImageFromFile(string path, ChatImageDetail? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!ImageMediaTypes.TryGetValue(Path.GetExtension(path), out var mediaType))
        {
            throw new ArgumentException($"'{path}' is not a .png, .jpg, .jpeg, .gif or .webp file; for another name, read the bytes and call CreateImageFromBytes(bytes, mediaType).", nameof(path));
        }

        return CreateImageFromBytes(File.ReadAllBytes(path), mediaType, detail);
    }
}

/// <summary>The image of a <see cref="ChatContentPart"/> (<c>image_url</c>).</summary>
public sealed class ChatImageUrl : ApiObject
{
    /// <summary>Gets or sets the image's URL: an http(s) URL, or a <c>data:&lt;media type&gt;;base64,...</c> URL carrying the image.</summary>
    /// <remarks>A string, not a <see cref="Uri"/>: a <c>data:</c> URL of a real image is longer than <see cref="Uri"/> allows.</remarks>
    public string Url
    {
        get => _url;
        init => _url = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _url = string.Empty;

    /// <summary>Gets or sets how closely the model looks; <see langword="null"/> for the API's default.</summary>
    public ChatImageDetail? Detail { get; init; }

    /// <summary>Gets whether <see cref="Url"/> carries the image itself (a <c>data:</c> URL).</summary>
    internal bool IsDataUrl => Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
}
