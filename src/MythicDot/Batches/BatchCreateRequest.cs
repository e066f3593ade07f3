using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Batches;

/// <summary>The body of <c>POST /batches</c>: an uploaded JSONL file of requests (purpose <c>batch</c>) and the endpoint they go to.</summary>
public sealed class BatchCreateRequest
{
    private static readonly string[] TypedNames = ["input_file_id", "endpoint", "completion_window", "metadata"];

    /// <summary>Initializes a new instance of the <see cref="BatchCreateRequest"/> class.</summary>
    public BatchCreateRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BatchCreateRequest"/> class for a file and an endpoint.</summary>
    /// <param name="inputFileId">The id of the uploaded JSONL file.</param>
    /// <param name="endpoint">The endpoint of every line, <c>/v1/chat/completions</c> or <c>/v1/embeddings</c>.</param>
    public BatchCreateRequest(string inputFileId, string endpoint)
    {
        InputFileId = inputFileId;
        Endpoint = endpoint;
    }

    /// <summary>Gets or sets the id of the uploaded JSONL file of requests.</summary>
    public string InputFileId { get; set; } = string.Empty;

    /// <summary>Gets or sets the endpoint of every line: <c>/v1/chat/completions</c> or <c>/v1/embeddings</c>.</summary>
    public string Endpoint { get; set; } = BatchEndpoints.ChatCompletions;

    /// <summary>Gets or sets the time the batch has to finish; the API documents <c>24h</c>.</summary>
    public string CompletionWindow { get; set; } = "24h";

    /// <summary>Gets or sets up to 16 key-value pairs kept with the batch; <see langword="null"/> for none.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets fields the SDK does not type, sent as they are.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(BatchCreateRequest request, string paramName)
    {
        if (string.IsNullOrWhiteSpace(request.InputFileId))
        {
            throw new ArgumentException("BatchCreateRequest.InputFileId is required.", paramName);
        }

        if (string.IsNullOrWhiteSpace(request.Endpoint))
        {
            throw new ArgumentException("BatchCreateRequest.Endpoint is required, for example /v1/chat/completions.", paramName);
        }

        if (string.IsNullOrWhiteSpace(request.CompletionWindow))
        {
            throw new ArgumentException("BatchCreateRequest.CompletionWindow is required (24h).", paramName);
        }

        if (request.Metadata is { Count: > 16 })
        {
            throw new ArgumentException("BatchCreateRequest.Metadata has more than 16 pairs.", paramName);
        }

        foreach (var name in request.AdditionalProperties?.Keys ?? [])
        {
            if (Array.IndexOf(TypedNames, name) >= 0)
            {
                throw new ArgumentException($"BatchCreateRequest.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", paramName);
            }
        }
    }
}
