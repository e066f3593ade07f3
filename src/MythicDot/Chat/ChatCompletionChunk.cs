using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>One event of a streamed chat completion (<c>chat.completion.chunk</c>).</summary>
public sealed class ChatCompletionChunk : ApiResponse
{
    private IReadOnlyList<ChatChunkChoice> _choices = [];

    /// <summary>Gets or sets the completion id, shared by every chunk of the stream.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the object type, <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; set; } = "chat.completion.chunk";

    /// <summary>Gets or sets when the completion was created, shared by every chunk.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>Gets or sets the model that answers.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the deltas, one per choice.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no choices.</remarks>
    public IReadOnlyList<ChatChunkChoice> Choices
    {
        get => _choices;
        set => _choices = value ?? [];
    }

    /// <summary>Gets or sets the token counts, when the API sends them (usually on the last chunk).</summary>
    public Usage? Usage { get; set; }

    /// <summary>Gets or sets fields the SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;

    internal override Usage? TelemetryUsage => Usage;
}
