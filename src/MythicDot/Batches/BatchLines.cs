using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Batches;

/// <summary>One line of a batch's input file: a request, its id, and where it goes.</summary>
public sealed class BatchRequestLine
{
    /// <summary>Gets or sets the caller's id of the request, unique in the file; its result carries it back.</summary>
    public string CustomId { get; set; } = string.Empty;

    /// <summary>Gets or sets the HTTP method, <c>POST</c>.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Gets or sets the endpoint, the batch's (<see cref="BatchEndpoints"/>).</summary>
    public string Url { get; set; } = BatchEndpoints.ChatCompletions;

    /// <summary>Gets or sets the request's body, a JSON object.</summary>
    public JsonElement Body { get; set; }

    /// <summary>Gets or sets fields the SDK does not type, written as they are.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One line of a batch's output or error file.</summary>
public sealed class BatchResultLine : ApiObject
{
    /// <summary>Gets or sets the line's id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the <see cref="BatchRequestLine.CustomId"/> of the request.</summary>
    public string? CustomId { get; init; }

    /// <summary>Gets or sets the response the request got, when it got one (a success or an API error).</summary>
    public BatchResultResponse? Response { get; init; }

    /// <summary>Gets or sets why the request got no response (<c>batch_expired</c>, ...), when it did not.</summary>
    public BatchResultError? Error { get; init; }
}

/// <summary>The response of one request of a batch.</summary>
public sealed class BatchResultResponse : ApiObject
{
    /// <summary>Gets or sets the HTTP status.</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets or sets the request's id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets or sets the response body: the endpoint's result, or an error body.</summary>
    public JsonElement Body { get; init; }
}

/// <summary>Why a request of a batch got no response.</summary>
public sealed class BatchResultError : ApiObject
{
    /// <summary>Gets or sets the error code, for example <c>batch_expired</c>.</summary>
    public string? Code { get; init; }

    /// <summary>Gets or sets what happened.</summary>
    public string? Message { get; init; }
}
