using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Batches;

/// <summary>A batch (<c>POST /batches</c>, <c>GET /batches/{id}</c>, an item of <c>GET /batches</c>).</summary>
public sealed class Batch : ApiResponse
{
    private string _id = string.Empty;

    /// <summary>Gets or sets the batch's id, for example <c>batch_abc123</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    /// <summary>Gets or sets the object type, <c>batch</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets the endpoint of the batch's lines.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets or sets the errors of the input file's validation, when it failed.</summary>
    public BatchErrors? Errors { get; init; }

    /// <summary>Gets or sets the id of the input file.</summary>
    public string? InputFileId { get; init; }

    /// <summary>Gets or sets the completion window, <c>24h</c>.</summary>
    public string? CompletionWindow { get; init; }

    /// <summary>Gets or sets where the batch is; an open set.</summary>
    public BatchStatus Status { get; init; }

    /// <summary>Gets or sets the id of the file of successful results, once there is one.</summary>
    public string? OutputFileId { get; init; }

    /// <summary>Gets or sets the id of the file of failed lines, once there is one.</summary>
    public string? ErrorFileId { get; init; }

    /// <summary>Gets or sets when the batch was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets or sets when the batch started running.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? InProgressAt { get; init; }

    /// <summary>Gets or sets when the batch expires (or expired).</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets or sets when the batch started finalizing.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? FinalizingAt { get; init; }

    /// <summary>Gets or sets when the batch completed.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets or sets when the batch failed.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>Gets or sets when the batch expired.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? ExpiredAt { get; init; }

    /// <summary>Gets or sets when a cancel was asked for.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? CancellingAt { get; init; }

    /// <summary>Gets or sets when the batch was cancelled.</summary>
    [JsonConverter(typeof(NullableUnixSecondsConverter))]
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Gets or sets how many requests the batch has, and how many are done.</summary>
    public BatchRequestCounts? RequestCounts { get; init; }

    /// <summary>Gets or sets the key-value pairs given at creation.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>How many requests a batch has (<c>request_counts</c>).</summary>
public sealed class BatchRequestCounts : ApiObject
{
    /// <summary>Gets or sets the number of requests.</summary>
    public int Total { get; init; }

    /// <summary>Gets or sets the number that succeeded.</summary>
    public int Completed { get; init; }

    /// <summary>Gets or sets the number that failed.</summary>
    public int Failed { get; init; }
}

/// <summary>The validation errors of a batch's input (<c>errors</c>).</summary>
public sealed class BatchErrors : ApiObject
{
    private IReadOnlyList<BatchErrorItem> _data = [];

    /// <summary>Gets or sets the object type, <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets the errors.</summary>
    public IReadOnlyList<BatchErrorItem> Data
    {
        get => _data;
        init => _data = value ?? [];
    }
}

/// <summary>One validation error of a batch's input.</summary>
public sealed class BatchErrorItem : ApiObject
{
    /// <summary>Gets or sets the error code.</summary>
    public string? Code { get; init; }

    /// <summary>Gets or sets what is wrong.</summary>
    public string? Message { get; init; }

    /// <summary>Gets or sets the parameter at fault, when one is.</summary>
    public string? Param { get; init; }

    /// <summary>Gets or sets the input line at fault (1-based), when one is.</summary>
    public int? Line { get; init; }
}
