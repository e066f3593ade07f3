using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace MythicDot.Internal;

/// <summary>Spans, metrics and log events of calls and attempts. Every member returns at once when nobody listens.</summary>
internal static class CallTelemetry
{
    public static void StartCall(CallState call, ApiTransport transport, int maxRetries)
    {
        call.RetriesEnabled = maxRetries > 0;
        if (!Telemetry.Source.HasListeners())
        {
            return;
        }

        var activity = Telemetry.Source.StartActivity(call.Model is null ? call.Operation : call.Operation + " " + call.Model, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Telemetry.OperationNameTag, call.Operation);
            activity.SetTag(Telemetry.ProviderNameTag, Telemetry.ProviderName);
            activity.SetTag(Telemetry.RequestModelTag, call.Model);
            activity.SetTag(Telemetry.MethodTag, call.Method.Method);
            activity.SetTag(Telemetry.ServerAddressTag, transport.BaseUrl.Host);
            activity.SetTag(Telemetry.ServerPortTag, transport.BaseUrl.Port);
        }

        call.Activity = activity;
    }

    public static Activity? StartAttempt(CallState call, ILogger logger)
    {
        Log.RequestSent(logger, call.Method.Method, call.Path, call.Attempts);
        if (call.Activity is null || !call.RetriesEnabled)
        {
            return null;
        }

        var activity = Telemetry.Source.StartActivity(call.Method.Method, ActivityKind.Client, call.Activity.Context);
        if (activity is { IsAllDataRequested: true } && call.Attempts > 1)
        {
            activity.SetTag(Telemetry.AttemptTag, call.Attempts - 1);
        }

        return activity;
    }

    public static void AttemptSucceeded(Activity? attempt, HttpStatusCode status)
    {
        attempt?.SetTag(Telemetry.StatusCodeTag, (int)status);
        attempt?.Dispose();
    }

    /// <summary>Records a failed attempt; returns false so that it can sit in an exception filter.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873", Justification = "Guarded by Logger.IsEnabled just above.")]
    public static bool AttemptFailed(CallState call, ApiError error, Activity? attempt, ILogger logger)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.AttemptFailed(logger, call, error);
        }

        if (attempt is not null)
        {
            SetError(attempt, error);
            attempt.Dispose();
        }

        return false;
    }

    public static void RetryScheduled(CallState call, int retry, TimeSpan delay, Exception? exception, ILogger logger)
    {
        var reason = exception is ApiError { RetryAfter: not null } ? "retry_after" : "backoff";
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.RetryScheduled(logger, call.Method.Method, call.Path, retry, delay.TotalMilliseconds, reason);
        }

        var metrics = call.Transport.Metrics;
        if (metrics.Retries.Enabled)
        {
            metrics.Retries.Add(
                1,
                new KeyValuePair<string, object?>(Telemetry.OperationNameTag, call.Operation),
                new KeyValuePair<string, object?>(Telemetry.RetryReasonTag, reason),
                new KeyValuePair<string, object?>(Telemetry.ErrorTypeTag, exception?.GetType().Name));
        }
    }

    public static void CallSucceeded(CallState call, ApiTransport transport, ApiResponse? value, HttpStatusCode status, long startTimestamp)
    {
        var logger = transport.Logger;
        var metrics = transport.Metrics;
        var measuring = metrics.OperationDuration.Enabled || metrics.TokenUsage.Enabled;
        if (call.Activity is null && !measuring && !logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var elapsed = transport.Options.TimeProvider.GetElapsedTime(startTimestamp);
        Log.CallSucceeded(logger, call, (int)status, elapsed.TotalMilliseconds, value?.Response?.RequestId);
        var responseModel = value?.TelemetryModel;
        var usage = value?.TelemetryUsage;
        if (call.Activity is { } activity)
        {
            activity.SetTag(Telemetry.StatusCodeTag, (int)status);
            activity.SetTag(Telemetry.ResponseModelTag, responseModel);
            activity.SetTag(Telemetry.ResponseIdTag, value?.TelemetryId);
            if (usage is not null)
            {
                activity.SetTag(Telemetry.InputTokensTag, usage.PromptTokens);
                activity.SetTag(Telemetry.OutputTokensTag, usage.CompletionTokens);
            }

            activity.Dispose();
        }

        if (measuring)
        {
            var tags = MetricTags(call, transport, responseModel, null);
            metrics.OperationDuration.Record(elapsed.TotalSeconds, tags);
            if (usage is not null && metrics.TokenUsage.Enabled)
            {
                metrics.TokenUsage.Record(usage.PromptTokens, Append(tags, new(Telemetry.TokenTypeTag, "input")));
                metrics.TokenUsage.Record(usage.CompletionTokens, Append(tags, new(Telemetry.TokenTypeTag, "output")));
            }
        }
    }

    public static void CallFailed(CallState call, ApiTransport transport, Exception exception, long startTimestamp)
    {
        var logger = transport.Logger;
        var elapsed = transport.Options.TimeProvider.GetElapsedTime(startTimestamp);
        if (exception is ApiError error && logger.IsEnabled(LogLevel.Warning))
        {
            Log.CallFailed(logger, call, error, elapsed.TotalMilliseconds, transport.Options.TimeProvider.GetUtcNow());
        }

        if (call.Activity is { } activity)
        {
            SetError(activity, exception);
            activity.Dispose();
        }

        if (transport.Metrics.OperationDuration.Enabled)
        {
            transport.Metrics.OperationDuration.Record(elapsed.TotalSeconds, MetricTags(call, transport, null, ErrorType(exception)));
        }
    }

    private static void SetError(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag(Telemetry.ErrorTypeTag, ErrorType(exception));
        if (exception is ApiError { StatusCode: { } status })
        {
            activity.SetTag(Telemetry.StatusCodeTag, (int)status);
        }
    }

    private static string ErrorType(Exception exception) => exception switch
    {
        OperationCanceledException => "cancelled",
        _ => exception.GetType().Name,
    };

    private static KeyValuePair<string, object?>[] MetricTags(CallState call, ApiTransport transport, string? responseModel, string? errorType)
    {
        var tags = new List<KeyValuePair<string, object?>>(7)
        {
            new(Telemetry.OperationNameTag, call.Operation),
            new(Telemetry.ProviderNameTag, Telemetry.ProviderName),
            new(Telemetry.ServerAddressTag, transport.BaseUrl.Host),
        };
        if (call.Model is not null)
        {
            tags.Add(new(Telemetry.RequestModelTag, call.Model));
        }

        if (responseModel is not null)
        {
            tags.Add(new(Telemetry.ResponseModelTag, responseModel));
        }

        if (errorType is not null)
        {
            tags.Add(new(Telemetry.ErrorTypeTag, errorType));
        }

        return [.. tags];
    }

    private static KeyValuePair<string, object?>[] Append(KeyValuePair<string, object?>[] tags, KeyValuePair<string, object?> tag) => [.. tags, tag];
}
