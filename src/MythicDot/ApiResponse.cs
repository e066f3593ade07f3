using System.Text.Json.Serialization;

namespace MythicDot;

/// <summary>The base of every value an API call returns: the value's fields, plus the HTTP response they came in.</summary>
public abstract class ApiResponse : ApiObject
{
    /// <summary>Initializes a new instance of the <see cref="ApiResponse"/> class; only the SDK's own models derive from it.</summary>
    private protected ApiResponse()
    {
    }

    private ResponseInfo? _response;

    /// <summary>Gets the response metadata (status, request id, headers, rate limits); <see langword="null"/> for a value built by hand.</summary>
    /// <remarks>Settable in an object initializer, so that a fake result in a test carries a <see cref="ResponseInfo"/> too:
    /// <c>new ChatCompletion { ..., Response = new ResponseInfo(HttpStatusCode.OK) }</c>.</remarks>
    [JsonIgnore]
    public ResponseInfo? Response
    {
        get => _response;
        init => _response = value;
    }

    /// <summary>Attaches the metadata of the response the value came in; the SDK's one way to set it after deserialization.</summary>
    internal void SetResponse(ResponseInfo response) => _response = response;

    /// <summary>Gets the model that answered, for telemetry.</summary>
    internal virtual string? TelemetryModel => null;

    /// <summary>Gets the response id, for telemetry.</summary>
    internal virtual string? TelemetryId => null;

    /// <summary>Gets the token counts, for telemetry.</summary>
    internal virtual Usage? TelemetryUsage => null;
}
