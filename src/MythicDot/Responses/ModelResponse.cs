using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Responses;

/// <summary>A response of <c>POST /responses</c> (or <c>GET /responses/{id}</c>): the model's output items, kept by the server
/// so that the next request can continue it with <see cref="ResponseRequest.PreviousResponseId"/> = <see cref="Id"/>.</summary>
/// <remarks>Named <c>ModelResponse</c> so that it does not read as <see cref="ApiResponse.Response"/>, the HTTP metadata every result carries.</remarks>
public sealed class ModelResponse : ApiResponse
{
    private IReadOnlyList<ResponseItem> _output = [];

    /// <summary>Gets or sets the response's id, for example <c>resp_abc123</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the object type, <c>response</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets when the response was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets or sets where the response stands.</summary>
    public ResponseStatus? Status { get; init; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Gets or sets the output items, in order: messages, function calls, reasoning.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no items.</remarks>
    public IReadOnlyList<ResponseItem> Output
    {
        get => _output;
        init => _output = value ?? [];
    }

    /// <summary>Gets or sets the instructions the response was made with.</summary>
    public string? Instructions { get; init; }

    /// <summary>Gets or sets the response this one continues.</summary>
    public string? PreviousResponseId { get; init; }

    /// <summary>Gets or sets the token counts.</summary>
    public ResponseUsage? Usage { get; init; }

    /// <summary>Gets or sets why a <see cref="ResponseStatus.Failed"/> response failed.</summary>
    public ResponseError? Error { get; init; }

    /// <summary>Gets or sets why an <see cref="ResponseStatus.Incomplete"/> response stopped early.</summary>
    public ResponseIncompleteDetails? IncompleteDetails { get; init; }

    /// <summary>Gets the text of every <c>output_text</c> part of the output's messages, joined: the answer, as the docs' <c>output_text</c>.</summary>
    [JsonIgnore]
    public string OutputText => string.Concat(_output
        .Where(item => item is not null && item.Type == ResponseItemType.Message)
        .SelectMany(item => item.ContentParts ?? [])
        .Where(part => part is not null && part.Type == ResponseContentPartType.OutputText)
        .Select(part => part.Text));

    /// <summary>Gets the function calls among the output items, in order.</summary>
    [JsonIgnore]
    public IEnumerable<ResponseItem> FunctionCalls => _output.Where(item => item is not null && item.Type == ResponseItemType.FunctionCall);

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;

    internal override Usage? TelemetryUsage => Usage is { } usage
        ? new Usage { PromptTokens = usage.InputTokens, CompletionTokens = usage.OutputTokens, TotalTokens = usage.TotalTokens }
        : null;
}

/// <summary>The token counts of a response.</summary>
public sealed class ResponseUsage : ApiObject
{
    /// <summary>Gets or sets the tokens of the input, the earlier conversation included.</summary>
    public int InputTokens { get; init; }

    /// <summary>Gets or sets the tokens of the output, reasoning included.</summary>
    public int OutputTokens { get; init; }

    /// <summary>Gets or sets the total.</summary>
    public int TotalTokens { get; init; }

    /// <summary>Gets or sets the breakdown of <see cref="InputTokens"/>.</summary>
    public ResponseInputTokensDetails? InputTokensDetails { get; init; }

    /// <summary>Gets or sets the breakdown of <see cref="OutputTokens"/>.</summary>
    public ResponseOutputTokensDetails? OutputTokensDetails { get; init; }
}

/// <summary>What a response's input tokens were.</summary>
public sealed class ResponseInputTokensDetails : ApiObject
{
    /// <summary>Gets or sets the input tokens served from the prompt cache.</summary>
    public int? CachedTokens { get; init; }
}

/// <summary>What a response's output tokens were.</summary>
public sealed class ResponseOutputTokensDetails : ApiObject
{
    /// <summary>Gets or sets the output tokens the model spent reasoning.</summary>
    public int? ReasoningTokens { get; init; }
}

/// <summary>Why a response failed.</summary>
public sealed class ResponseError : ApiObject
{
    /// <summary>Gets or sets the error code.</summary>
    public string? Code { get; init; }

    /// <summary>Gets or sets the message.</summary>
    public string? Message { get; init; }
}

/// <summary>Why a response stopped early.</summary>
public sealed class ResponseIncompleteDetails : ApiObject
{
    /// <summary>Gets or sets the reason, for example <c>max_output_tokens</c> or <c>content_filter</c>.</summary>
    public string? Reason { get; init; }
}

/// <summary>The answer of <c>DELETE /responses/{id}</c>.</summary>
public sealed class ResponseDeletion : ApiResponse
{
    /// <summary>Gets or sets the id of the response deleted.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the object type, <c>response.deleted</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets whether the response was deleted.</summary>
    public bool Deleted { get; init; }
}
