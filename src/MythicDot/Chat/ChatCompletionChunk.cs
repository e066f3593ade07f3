using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>One event of a streamed chat completion (<c>chat.completion.chunk</c>).</summary>
public sealed class ChatCompletionChunk : ApiResponse
{
    private IReadOnlyList<ChatChunkChoice> _choices = [];

    /// <summary>Gets or sets the completion id, shared by every chunk of the stream.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the object type, <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType
    {
        get => _objectType;
        init => _objectType = value ?? "chat.completion.chunk";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _objectType = "chat.completion.chunk";

    /// <summary>Gets or sets when the completion was created, shared by every chunk.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets or sets the model that answers.</summary>
    public string Model
    {
        get => _model;
        init => _model = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _model = string.Empty;

    /// <summary>Gets or sets the deltas, one per choice.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no choices.</remarks>
    public IReadOnlyList<ChatChunkChoice> Choices
    {
        get => _choices;
        init => _choices = value ?? [];
    }

    /// <summary>Gets or sets the token counts, when the API sends them (usually on the last chunk).</summary>
    public Usage? Usage { get; init; }

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;

    internal override Usage? TelemetryUsage => Usage;
}
