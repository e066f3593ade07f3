using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Realtime;

/// <summary>What <see cref="ResponseCreateEvent"/> may change for one response; a property left <see langword="null"/> keeps the session's value.</summary>
public sealed class RealtimeResponseOptions
{
    /// <summary>Gets or sets what the model answers with this time.</summary>
    public IList<RealtimeModality>? Modalities { get; set; }

    /// <summary>Gets or sets instructions for this response only.</summary>
    public string? Instructions { get; set; }

    /// <summary>Gets or sets the voice of this response.</summary>
    public RealtimeVoice? Voice { get; set; }

    /// <summary>Gets or sets the encoding of this response's audio.</summary>
    public RealtimeAudioFormat? OutputAudioFormat { get; set; }

    /// <summary>Gets or sets the sampling temperature.</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets the most output tokens of the response.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
