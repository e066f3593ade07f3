namespace MythicDot.Batches;

/// <summary>How a <see cref="BatchRunner"/> waits, and what cancelling the wait does.</summary>
public sealed class BatchRunnerOptions
{
    /// <summary>Gets or sets the time between two polls of the batch (<c>GET /batches/{id}</c>), waited on the client's
    /// <see cref="MythicDotClientOptions.TimeProvider"/>.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether cancelling the caller's token also cancels the batch (<c>POST /batches/{id}/cancel</c>,
    /// sent with no token before the <see cref="OperationCanceledException"/> is thrown).</summary>
    /// <value>The default is <see langword="false"/>: cancelling stops waiting, the batch runs on and can be resumed by id.</value>
    public bool CancelBatchOnCancellation { get; set; }

    /// <summary>Gets or sets the file name of the uploaded input.</summary>
    /// <value>The default is <c>batch-input.jsonl</c>.</value>
    public string InputFileName { get; set; } = "batch-input.jsonl";
}

/// <summary>One chat request of a batch, with the caller's id (the line's <c>custom_id</c>).</summary>
public sealed class BatchChatItem
{
    /// <summary>Initializes a new instance of the <see cref="BatchChatItem"/> class.</summary>
    /// <param name="id">The caller's id, unique in the batch.</param>
    /// <param name="request">The request, as it would be sent to <c>/chat/completions</c> (not streamed).</param>
    public BatchChatItem(string id, ChatCompletionRequest request)
    {
        Id = id;
        Request = request;
    }

    /// <summary>Gets the caller's id.</summary>
    public string Id { get; }

    /// <summary>Gets the request.</summary>
    public ChatCompletionRequest Request { get; }
}

/// <summary>Where a running batch is, reported after each poll.</summary>
public sealed class BatchProgress
{
    /// <summary>Initializes a new instance of the <see cref="BatchProgress"/> class.</summary>
    /// <param name="batch">The batch as the poll read it.</param>
    /// <param name="elapsed">The time since the runner started waiting.</param>
    public BatchProgress(Batch batch, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(batch);
        BatchId = batch.Id;
        Status = batch.Status;
        Total = batch.RequestCounts?.Total ?? 0;
        Completed = batch.RequestCounts?.Completed ?? 0;
        Failed = batch.RequestCounts?.Failed ?? 0;
        Elapsed = elapsed;
    }

    /// <summary>Gets the batch's id (keep it to resume after a restart).</summary>
    public string BatchId { get; }

    /// <summary>Gets the batch's status.</summary>
    public BatchStatus Status { get; }

    /// <summary>Gets the number of requests.</summary>
    public int Total { get; }

    /// <summary>Gets the number that succeeded so far.</summary>
    public int Completed { get; }

    /// <summary>Gets the number that failed so far.</summary>
    public int Failed { get; }

    /// <summary>Gets the time since the runner started waiting.</summary>
    public TimeSpan Elapsed { get; }
}

/// <summary>The result of one request of a batch: its completion, or the typed error it ended with.</summary>
public sealed class BatchItemResult
{
    /// <summary>Initializes a new instance of the <see cref="BatchItemResult"/> class.</summary>
    /// <param name="id">The caller's id.</param>
    /// <param name="completion">The completion, when the request succeeded.</param>
    /// <param name="error">The error, when it did not.</param>
    public BatchItemResult(string id, ChatCompletion? completion, ApiError? error)
    {
        Id = id;
        Completion = completion;
        Error = error;
    }

    /// <summary>Gets the caller's id.</summary>
    public string Id { get; }

    /// <summary>Gets the completion, when the request succeeded.</summary>
    public ChatCompletion? Completion { get; }

    /// <summary>Gets the typed error (<see cref="RateLimitError"/>, <see cref="BadRequestError"/>, ...) the request's line maps to,
    /// as a synchronous call's failure would; an <see cref="ApiError"/> saying so when neither result file has the id.</summary>
    public ApiError? Error { get; }

    /// <summary>Gets whether the request succeeded.</summary>
    public bool Succeeded => Completion is not null;
}

/// <summary>What a batch run ended with: the batch as it finished, and one result per id.</summary>
public sealed class BatchRunResult
{
    /// <summary>Initializes a new instance of the <see cref="BatchRunResult"/> class.</summary>
    /// <param name="batch">The batch as it finished.</param>
    /// <param name="results">One result per id.</param>
    public BatchRunResult(Batch batch, IReadOnlyDictionary<string, BatchItemResult> results)
    {
        Batch = batch;
        Results = results;
    }

    /// <summary>Gets the batch as it finished (its status: completed, or failed, expired or cancelled).</summary>
    public Batch Batch { get; }

    /// <summary>Gets one result per id, by id.</summary>
    public IReadOnlyDictionary<string, BatchItemResult> Results { get; }
}
