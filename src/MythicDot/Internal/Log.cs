using Microsoft.Extensions.Logging;

namespace MythicDot.Internal;

/// <summary>The SDK's log events, source-generated. Fields support needs (code, request id, method, path) are structured properties.</summary>
/// <remarks>No event carries the key; bodies are logged only at Trace level and only when <see cref="MythicDotClientOptions.LogBodies"/> is on.</remarks>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RequestSent", Level = LogLevel.Debug,
        Message = "MythicDot {Method} {Path}: attempt {Attempt} sent")]
    public static partial void RequestSent(ILogger logger, string method, string path, int attempt);

    [LoggerMessage(EventId = 3, EventName = "RetryScheduled", Level = LogLevel.Information,
        Message = "MythicDot {Method} {Path}: retry {Retry} in {DelayMs} ms ({Reason})")]
    public static partial void RetryScheduled(ILogger logger, string method, string path, int retry, double delayMs, string reason);

    [LoggerMessage(EventId = 5, EventName = "RequestBody", Level = LogLevel.Trace,
        Message = "MythicDot {Method} {Path} request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string method, string path, string body);

    [LoggerMessage(EventId = 6, EventName = "ResponseBody", Level = LogLevel.Trace,
        Message = "MythicDot {Method} {Path} response body (status {StatusCode}): {Body}")]
    public static partial void ResponseBody(ILogger logger, string method, string path, int statusCode, string body);

    [LoggerMessage(EventId = 8, EventName = "RealtimeConnected", Level = LogLevel.Debug,
        Message = "MythicDot realtime session connected to {Path} (key in the {Authentication})")]
    public static partial void RealtimeConnected(ILogger logger, string path, string authentication);

    [LoggerMessage(EventId = 9, EventName = "RealtimeClosed", Level = LogLevel.Debug,
        Message = "MythicDot realtime session to {Path} closed (status {CloseStatus})")]
    public static partial void RealtimeClosed(ILogger logger, string path, int closeStatus);

    [LoggerMessage(EventId = 10, EventName = "RealtimeConnectFailed", Level = LogLevel.Warning,
        Message = "MythicDot realtime session to {Path} could not connect: {ErrorType}")]
    public static partial void RealtimeConnectFailed(ILogger logger, string path, string errorType, Exception exception);

    [LoggerMessage(EventId = 11, EventName = "CooldownNotRecorded", Level = LogLevel.Warning,
        Message = "MythicDot {Method} {Path}: the server's wait of {WaitMs} ms could not be recorded in the shared cooldown ({CooldownType}); other callers will not be held")]
    public static partial void CooldownNotRecorded(ILogger logger, string method, string path, double waitMs, string cooldownType, Exception exception);

    [LoggerMessage(EventId = 12, EventName = "CircuitOpened", Level = LogLevel.Warning,
        Message = "MythicDot circuit breaker opened for {BreakMs} ms after repeated transient failures; calls fail fast until then")]
    public static partial void CircuitOpened(ILogger logger, double breakMs);

    [LoggerMessage(EventId = 13, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "MythicDot circuit breaker closed: the probe succeeded")]
    public static partial void CircuitClosed(ILogger logger);

    // The call-outcome events omit the fields a response did not carry (see CallLogState); their ids and names are as before.
    private static readonly EventId AttemptFailedId = new(2, "AttemptFailed");
    private static readonly EventId CallFailedId = new(4, "CallFailed");
    private static readonly EventId CallSucceededId = new(7, "CallSucceeded");

    public static void AttemptFailed(ILogger logger, CallState call, ApiError error)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Log(LogLevel.Information, AttemptFailedId, CallLogState.AttemptFailed(call, error), null, CallLogState.Formatter);
        }
    }

    public static void CallFailed(ILogger logger, CallState call, ApiError error, double elapsedMs, DateTimeOffset time)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.Log(LogLevel.Warning, CallFailedId, CallLogState.CallFailed(call, error, elapsedMs, time), error, CallLogState.Formatter);
        }
    }

    public static void CallSucceeded(ILogger logger, CallState call, int statusCode, double elapsedMs, string? requestId)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.Log(LogLevel.Debug, CallSucceededId, CallLogState.CallSucceeded(call, statusCode, elapsedMs, requestId), null, CallLogState.Formatter);
        }
    }
}
