namespace MythicDot.Realtime;

/// <summary>The <c>error</c> object of a server <c>error</c> event, as sent; <see cref="RealtimeErrorEvent.Exception"/> is the same error typed.</summary>
public sealed class RealtimeErrorDetails : ApiObject
{
    /// <summary>Gets the error's type, for example <c>invalid_request_error</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the error's code, for example <c>parameter_invalid</c>; compare with <see cref="ErrorCodes"/>.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the error's message.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the parameter the error is about, for example <c>session.voice</c>.</summary>
    public string? Param { get; init; }

    /// <summary>Gets the <see cref="RealtimeClientEvent.EventId"/> of the client event that caused the error, when it had one.</summary>
    public string? EventId { get; init; }
}
