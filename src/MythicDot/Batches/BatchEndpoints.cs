namespace MythicDot.Batches;

/// <summary>The endpoints a batch's lines can go to (<see cref="BatchCreateRequest.Endpoint"/>, <see cref="BatchRequestLine.Url"/>).</summary>
public static class BatchEndpoints
{
    /// <summary>Gets <c>/v1/chat/completions</c>.</summary>
    public const string ChatCompletions = "/v1/chat/completions";

    /// <summary>Gets <c>/v1/embeddings</c>.</summary>
    public const string Embeddings = "/v1/embeddings";
}
