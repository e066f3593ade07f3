namespace MythicDot.Admin;

/// <summary>The filters of <c>GET /organization/usage</c>.</summary>
public sealed class UsageQuery
{
    /// <summary>Initializes a new instance of the <see cref="UsageQuery"/> class.</summary>
    /// <param name="startTime">The start of the period (inclusive).</param>
    public UsageQuery(DateTimeOffset startTime)
    {
        StartTime = startTime;
    }

    /// <summary>Gets or sets the start of the period (inclusive), sent as Unix seconds.</summary>
    public DateTimeOffset StartTime { get; set; }

    /// <summary>Gets or sets the end of the period (exclusive); <see langword="null"/> for now.</summary>
    public DateTimeOffset? EndTime { get; set; }

    /// <summary>Gets or sets the width of each bucket: <c>1m</c>, <c>1h</c> or <c>1d</c>; <see langword="null"/> for the server's (<c>1d</c>).</summary>
    public string? BucketWidth { get; set; }

    /// <summary>Gets the fields to group each bucket's results by, for example <c>model</c> or <c>api_key_id</c>.</summary>
    public IList<string> GroupBy { get; } = [];

    /// <summary>Gets or sets how many buckets to return; <see langword="null"/> for the server's default.</summary>
    public int? Limit { get; set; }
}
