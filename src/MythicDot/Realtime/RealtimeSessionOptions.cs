namespace MythicDot.Realtime;

/// <summary>Settings for one realtime session, given to <see cref="RealtimeClient.ConnectAsync(RealtimeSessionOptions?, CancellationToken)"/>.</summary>
public sealed class RealtimeSessionOptions
{
    /// <summary>The default of <see cref="MaxMessageBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Gets or sets the model, sent as the query parameter <c>?model=</c>.</summary>
    /// <value>The default is <see langword="null"/>: no parameter, the API's default model.</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets how the key is sent in the handshake.</summary>
    /// <value>The default is <see cref="RealtimeAuthentication.Header"/> (<c>Authorization: Bearer</c>).</value>
    public RealtimeAuthentication Authentication { get; set; }

    /// <summary>Gets or sets the most bytes one server message may have once its frames are put together; a larger message fails the
    /// enumeration with an <see cref="ApiError"/> naming this limit (and closes the session with status 1009), never an <see cref="OutOfMemoryException"/>.</summary>
    /// <value>The default is <see cref="DefaultMaxMessageBytes"/> (16 MiB); at least 1,024.</value>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>Gets or sets how long <see cref="RealtimeSession.DisposeAsync"/> waits for the server to acknowledge the close before it drops the connection.</summary>
    /// <value>The default is 2 seconds, on the client's <see cref="MythicDotClientOptions.TimeProvider"/>.</value>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
