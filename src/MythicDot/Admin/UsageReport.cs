using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>The answer to <c>GET /organization/usage</c>: usage in time buckets.</summary>
public sealed class UsageReport : ApiResponse
{
    /// <summary>Gets the object type, <c>page</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the buckets, oldest first.</summary>
    public IReadOnlyList<UsageBucket> Data { get; init; } = [];

    /// <summary>Gets whether more buckets follow.</summary>
    public bool HasMore { get; init; }

    /// <summary>Gets the cursor of the next page, when there is one.</summary>
    public string? NextPage { get; init; }
}

/// <summary>One time bucket of a <see cref="UsageReport"/>.</summary>
public sealed class UsageBucket : ApiObject
{
    /// <summary>Gets the object type, <c>bucket</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the start of the bucket.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset StartTime { get; init; }

    /// <summary>Gets the end of the bucket.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset EndTime { get; init; }

    /// <summary>Gets the bucket's results: one, or one per group when the query grouped them.</summary>
    public IReadOnlyList<UsageResult> Results { get; init; } = [];
}

/// <summary>The usage of one bucket (or one group within it).</summary>
public sealed class UsageResult : ApiObject
{
    /// <summary>Gets the object type, for example <c>organization.usage.result</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the input tokens used.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens used.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the requests made.</summary>
    public long NumModelRequests { get; init; }

    /// <summary>Gets the model, when grouped by <c>model</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the API key's id, when grouped by <c>api_key_id</c>.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>Gets the project's id, when grouped by <c>project_id</c>.</summary>
    public string? ProjectId { get; init; }
}
