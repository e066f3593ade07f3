namespace MythicDot.Testing;

/// <summary>Settings for a <see cref="MythicDotEmulator"/>. The emulator reads them once, when it starts.</summary>
public sealed class MythicDotEmulatorOptions
{
    /// <summary>The key the emulator accepts unless told otherwise.</summary>
    public const string DefaultApiKey = "sk-emulator-key";

    /// <summary>Gets or sets the only API key the emulator accepts in <c>Authorization: Bearer</c>.</summary>
    /// <value>The default is <see cref="DefaultApiKey"/> (<c>sk-emulator-key</c>). Any other key, or none, gets HTTP 401 <c>invalid_api_key</c>.</value>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Gets or sets the emulator's clock: <see cref="RecordedRequest.ReceivedAt"/>, <c>created</c> in responses,
    /// HTTP-date <c>Retry-After</c> values and <see cref="EmulatorFault.Stall(TimeSpan?)"/> delays.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>. Give the emulator the same fake clock as the client so that
    /// HTTP dates and waits line up exactly.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the envelope of the errors the emulator itself returns (401, 400, 404), as opposed to queued faults.</summary>
    /// <value>The default is <see cref="Testing.ErrorEnvelope.Flat"/>, the shape of the API's error reference.</value>
    public ErrorEnvelope ErrorEnvelope { get; set; } = ErrorEnvelope.Flat;
}
