using Microsoft.Extensions.Logging;

namespace MythicDot.Internal;

/// <summary>The SDK's log events, source-generated. Fields support needs (code, request id, method, path) are structured properties.</summary>
/// <remarks>No event carries the key; bodies are logged only at Trace level and only when <see cref="MythicDotClientOptions.LogBodies"/> is on.</remarks>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RequestSent", Level = LogLevel.Debug,
        Message = "MythicDot {Method} {Path}: attempt {Attempt} sent")]
    public static partial void RequestSent(ILogger logger, string method, string path, int attempt);

    [LoggerMessage(EventId = 2, EventName = "AttemptFailed", Level = LogLevel.Information,
        Message = "MythicDot {Method} {Path}: attempt {Attempt} failed with {ErrorType} (status {StatusCode}, code {Code}, request id {RequestId})")]
    public static partial void AttemptFailed(ILogger logger, string method, string path, int attempt, string errorType, int? statusCode, string? code, string? requestId);

    [LoggerMessage(EventId = 3, EventName = "RetryScheduled", Level = LogLevel.Information,
        Message = "MythicDot {Method} {Path}: retry {Retry} in {DelayMs} ms ({Reason})")]
    public static partial void RetryScheduled(ILogger logger, string method, string path, int retry, double delayMs, string reason);

    [LoggerMessage(EventId = 4, EventName = "CallFailed", Level = LogLevel.Warning,
        Message = "MythicDot {Method} {Path} failed after {Attempts} attempt(s) and {ElapsedMs} ms: {ErrorType} {Code}: {ErrorMessage} (request id {RequestId}, at {Time})")]
    public static partial void CallFailed(ILogger logger, Exception exception, string method, string path, int attempts, double elapsedMs, string errorType, string? code, string errorMessage, string? requestId, DateTimeOffset time);

    [LoggerMessage(EventId = 5, EventName = "RequestBody", Level = LogLevel.Trace,
        Message = "MythicDot {Method} {Path} request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string method, string path, string body);

    [LoggerMessage(EventId = 6, EventName = "ResponseBody", Level = LogLevel.Trace,
        Message = "MythicDot {Method} {Path} response body (status {StatusCode}): {Body}")]
    public static partial void ResponseBody(ILogger logger, string method, string path, int statusCode, string body);

    [LoggerMessage(EventId = 7, EventName = "CallSucceeded", Level = LogLevel.Debug,
        Message = "MythicDot {Method} {Path} succeeded with status {StatusCode} after {Attempts} attempt(s) and {ElapsedMs} ms (request id {RequestId})")]
    public static partial void CallSucceeded(ILogger logger, string method, string path, int statusCode, int attempts, double elapsedMs, string? requestId);
}
