namespace MythicDot.Messages;

/// <summary>The image of an <see cref="MessageContentBlockType.Image"/> block: its bytes as base64 with their media type, or a URL.</summary>
public sealed class MessageImageSource : ApiObject
{
    /// <summary>Gets or sets where the image comes from: <see cref="MessageImageSourceType.Base64"/> or <see cref="MessageImageSourceType.Url"/>.</summary>
    public MessageImageSourceType Type { get; init; }

    /// <summary>Gets or sets the media type of a base64 image: <c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c> or <c>image/webp</c>.</summary>
    public string? MediaType { get; init; }

    /// <summary>Gets or sets the image file's bytes, base64-encoded.</summary>
    public string? Data { get; init; }

    /// <summary>Gets or sets the URL the API fetches the image from.</summary>
    public string? Url { get; init; }
}
