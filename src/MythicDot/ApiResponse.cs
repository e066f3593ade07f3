using System.Text.Json.Serialization;

namespace MythicDot;

/// <summary>The base of every value an API call returns: the value's fields, plus the HTTP response they came in.</summary>
public abstract class ApiResponse
{
    /// <summary>Gets the response metadata (status, request id, headers, rate limits); <see langword="null"/> for a value built by hand.</summary>
    [JsonIgnore]
    public ResponseInfo? Response { get; internal set; }

    /// <summary>Gets the model that answered, for telemetry.</summary>
    internal virtual string? TelemetryModel => null;

    /// <summary>Gets the response id, for telemetry.</summary>
    internal virtual string? TelemetryId => null;

    /// <summary>Gets the token counts, for telemetry.</summary>
    internal virtual Usage? TelemetryUsage => null;
}
