using System.Net;
using System.Text.Json.Serialization;

namespace MythicDot.Benchmarks;

// The floor: hand-written DTOs for exactly the fields on the wire, read with source-generated System.Text.Json.
#pragma warning disable CA1812 // instantiated by the serializer
internal sealed class FloorChatRequest
{
    public string Model { get; set; } = "";

    public List<FloorMessage> Messages { get; set; } = [];

    public bool? Stream { get; set; }
}

internal sealed class FloorMessage
{
    public string Role { get; set; } = "";

    public string? Content { get; set; }
}

internal sealed class FloorChatCompletion
{
    public string Id { get; set; } = "";

    public string Object { get; set; } = "";

    public long Created { get; set; }

    public string Model { get; set; } = "";

    public List<FloorChoice> Choices { get; set; } = [];

    public FloorUsage? Usage { get; set; }
}

internal sealed class FloorChoice
{
    public int Index { get; set; }

    public FloorMessage Message { get; set; } = new();

    public string? FinishReason { get; set; }
}

internal sealed class FloorUsage
{
    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    public int TotalTokens { get; set; }
}

internal sealed class FloorChunk
{
    public string Id { get; set; } = "";

    public string Object { get; set; } = "";

    public long Created { get; set; }

    public string Model { get; set; } = "";

    public List<FloorChunkChoice> Choices { get; set; } = [];
}

internal sealed class FloorChunkChoice
{
    public int Index { get; set; }

    public FloorMessage Delta { get; set; } = new();

    public string? FinishReason { get; set; }
}

internal sealed class FloorError
{
    public bool? Success { get; set; }

    public string? Message { get; set; }

    public string? Code { get; set; }

    public string? Param { get; set; }

    public double? RetryAfter { get; set; }

    public string? RequestId { get; set; }
}

internal sealed class FloorEmbeddingRequest
{
    public string Model { get; set; } = "";

    public IReadOnlyList<string> Input { get; set; } = [];

    [JsonPropertyName("encoding_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EncodingFormat { get; set; }
}

internal sealed class FloorBase64EmbeddingResponse
{
    public List<FloorBase64Embedding> Data { get; set; } = [];

    public string Model { get; set; } = "";

    public FloorUsage? Usage { get; set; }
}

internal sealed class FloorBase64Embedding
{
    public int Index { get; set; }

    public string Embedding { get; set; } = "";
}

internal sealed class FloorEmbeddingResponse
{
    public string Object { get; set; } = "";

    public List<FloorEmbedding> Data { get; set; } = [];

    public string Model { get; set; } = "";

    public FloorUsage? Usage { get; set; }
}

internal sealed class FloorEmbedding
{
    public string Object { get; set; } = "";

    public int Index { get; set; }

    public float[] Embedding { get; set; } = [];
}
#pragma warning restore CA1812

/// <summary>The floor's error: what a hand-written client throws on a non-success status.</summary>
public sealed class FloorApiException : Exception
{
    public FloorApiException()
    {
    }

    public FloorApiException(string message)
        : base(message)
    {
    }

    public FloorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal FloorApiException(HttpStatusCode status, FloorError? error)
        : base(error?.Message ?? $"HTTP {(int)status}")
    {
        Status = status;
        Code = error?.Code;
        RequestId = error?.RequestId;
        RetryAfter = error?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }

    public string? RequestId { get; }

    public TimeSpan? RetryAfter { get; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FloorChatRequest))]
[JsonSerializable(typeof(FloorChatCompletion))]
[JsonSerializable(typeof(FloorChunk))]
[JsonSerializable(typeof(FloorError))]
[JsonSerializable(typeof(FloorEmbeddingRequest))]
[JsonSerializable(typeof(FloorEmbeddingResponse))]
[JsonSerializable(typeof(FloorBase64EmbeddingResponse))]
internal sealed partial class FloorJsonContext : JsonSerializerContext
{
}
