namespace MythicDot.Messages;

/// <summary>What a request says about its caller (<c>metadata</c>).</summary>
public sealed class MessageMetadata
{
    /// <summary>Gets or sets an opaque id of the end user (a hash or a UUID, never a name or an address), which helps the API detect abuse.</summary>
    public string? UserId { get; set; }
}
