using System.Text.Json.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>error</c>: the server reports an error, usually about a client event (an invalid voice, malformed audio, an unknown
/// <c>type</c>). The session stays open: such errors are yielded as events, never thrown from the enumeration, so that a caller can
/// log one and carry on; <see cref="Exception"/> is the error typed as every other call types it.</summary>
/// <remarks>To stop at the first error, <c>throw errorEvent.Exception;</c>. A failure of the connection itself is not an event:
/// the enumeration throws <see cref="ApiConnectionError"/>.</remarks>
public sealed class RealtimeErrorEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="RealtimeErrorEvent"/> class.</summary>
    public RealtimeErrorEvent()
    {
        Type = RealtimeServerEventType.Error;
    }

    /// <summary>Gets the error as the server sent it: type, code, message, param and the client event's id.</summary>
    public RealtimeErrorDetails? Error { get; init; }

    /// <summary>Gets the error as an <see cref="ApiError"/> of the type its code names (for example <see cref="BadRequestError"/> for
    /// <c>parameter_invalid</c>, <see cref="RateLimitError"/> for <c>rate_limit_exceeded</c>), with <see cref="ApiError.Code"/>,
    /// <see cref="ApiError.Param"/> and the event's JSON in <see cref="ApiError.ResponseBody"/>; built by the SDK, not read from JSON.</summary>
    /// <remarks><see cref="ApiError.StatusCode"/> is the status the API documents for the code (HTTP 200 for a code it does not document), since
    /// no HTTP response carries it.</remarks>
    [JsonIgnore]
    public ApiError? Exception
    {
        get => _exception;
        init => _exception = value;
    }

    private ApiError? _exception;

    /// <summary>Sets <see cref="Exception"/> once the event is read: the SDK maps it after deserialization.</summary>
    internal void SetException(ApiError exception) => _exception = exception;
}
