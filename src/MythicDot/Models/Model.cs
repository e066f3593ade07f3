using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Models;

/// <summary>A model the key can use (<c>GET /models/{id}</c>).</summary>
public sealed class Model : ApiResponse
{
    /// <summary>Gets or sets the model id, for example <c>mythic-4</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the object type, <c>model</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; set; } = "model";

    /// <summary>Gets or sets when the model was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>Gets or sets the owner, for example <c>mythicdot</c>.</summary>
    public string? OwnedBy { get; set; }

    /// <summary>Gets or sets the context window in tokens, when the API says.</summary>
    public int? ContextWindow { get; set; }

    /// <summary>Gets or sets the most output tokens per answer, when the API says.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets fields the SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
