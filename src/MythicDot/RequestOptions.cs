namespace MythicDot;

/// <summary>Settings for one call, overriding the client's options for that call only.</summary>
public sealed class RequestOptions
{
    /// <summary>Gets extra headers for this call (for example <c>mythicdot-beta</c>); they win over <see cref="MythicDotClientOptions.DefaultHeaders"/>.</summary>
    /// <value>Empty by default. The headers <see cref="MythicDotClientOptions.DefaultHeaders"/> refuses are refused here too, before anything is
    /// sent (an <see cref="ArgumentException"/> naming the header); so is <c>mythicdot-version</c> when the client already sets it.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the retry count for this call.</summary>
    /// <value>The default is <see langword="null"/>: the client's <see cref="MythicDotClientOptions.MaxRetries"/>.</value>
    public int? MaxRetries { get; set; }

    /// <summary>Gets or sets the per-attempt time limit for this call.</summary>
    /// <value>The default is <see langword="null"/>: the client's <see cref="MythicDotClientOptions.Timeout"/>.</value>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Checks the per-call settings against the client's options; throws before anything is sent.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208", Justification = "Names the public methods' parameter that holds these options.")]
    internal void Validate(MythicDotClientOptions clientOptions)
    {
        var failures = new List<string>();
        if (MaxRetries < 0)
        {
            failures.Add($"MaxRetries must be 0 or more (was {MaxRetries}).");
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            failures.Add($"Timeout must be positive or Timeout.InfiniteTimeSpan (was {timeout}).");
        }

        foreach (var pair in Headers)
        {
            MythicDotClientOptions.ValidateHeader(pair.Key, pair.Value, "RequestOptions.Headers", failures);
            if (string.Equals(pair.Key, Internal.MythicDotDefaults.VersionHeader, StringComparison.OrdinalIgnoreCase)
                && (clientOptions.ApiVersion is not null || clientOptions.DefaultHeaders.ContainsKey(pair.Key)))
            {
                failures.Add($"RequestOptions.Headers['{pair.Key}'] conflicts with the client's {Internal.MythicDotDefaults.VersionHeader} (ApiVersion or DefaultHeaders): the version is set once, on the client.");
            }
        }

        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid RequestOptions: " + string.Join(" ", failures), "options");
        }
    }
}
