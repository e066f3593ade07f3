namespace MythicDot.Internal;

/// <summary>Bodies read as they arrive: retried until the response headers arrive (the stages of any call), handed to the caller after.</summary>
internal sealed partial class ApiTransport
{
    /// <summary>Sends a call and returns its successful body as a stream the caller reads and disposes.</summary>
    public async Task<StreamedContent> DownloadAsync(ApiRequest request, RequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        requestOptions?.Validate(_options);
        var call = new DownloadCall(this, request, requestOptions);
        var start = _options.TimeProvider.GetTimestamp();
        CallTelemetry.StartCall(call, this, requestOptions?.MaxRetries ?? _options.MaxRetries);
        try
        {
            var outcome = await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
            if (outcome.Exception is not null && call.CanRetry)
            {
                outcome = await RetryAsync(call, outcome, cancellationToken).ConfigureAwait(false);
            }

            var stream = ResultOrThrow(outcome);
            CallTelemetry.CallSucceeded(call, this, stream, call.LastStatus, start);
            return stream;
        }
        catch (Exception exception) when (CallFailed(call, exception, start))
        {
            throw; // never reached: the filter only records the failure
        }
    }
}
