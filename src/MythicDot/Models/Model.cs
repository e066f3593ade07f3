using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Models;

/// <summary>A model the key can use (<c>GET /models/{id}</c>).</summary>
public sealed class Model : ApiResponse
{
    /// <summary>Gets or sets the model id, for example <c>mythic-4</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the object type, <c>model</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType
    {
        get => _objectType;
        init => _objectType = value ?? "model";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _objectType = "model";

    /// <summary>Gets or sets when the model was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets or sets the owner, for example <c>mythicdot</c>.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>Gets or sets the context window in tokens, when the API says.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets or sets the most output tokens per answer, when the API says.</summary>
    public int? MaxOutputTokens { get; init; }
}
