using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MythicDot.Realtime;

/// <summary>The base of the events a client sends in a realtime session (<see cref="RealtimeSession.SendAsync(RealtimeClientEvent, CancellationToken)"/>):
/// each derived type is one <c>type</c> of the API. For a type the SDK does not model, send JSON with
/// <see cref="RealtimeSession.SendRawAsync(JsonElement, CancellationToken)"/>.</summary>
public abstract class RealtimeClientEvent
{
    private protected RealtimeClientEvent(string type)
    {
        Type = type;
    }

    /// <summary>Gets the event's <c>type</c>, for example <c>session.update</c>.</summary>
    [JsonPropertyOrder(-2)]
    public string Type { get; }

    /// <summary>Gets or sets an id of your choice for the event; the server quotes it in the <c>error</c> event the event causes
    /// (<see cref="RealtimeErrorDetails.EventId"/>).</summary>
    /// <value>The default is <see langword="null"/>: no id is sent.</value>
    [JsonPropertyOrder(-1)]
    public string? EventId { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks><c>type</c> and <c>event_id</c> are refused here (set by the type and by <see cref="EventId"/>).</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Gets the serializer metadata of the derived type.</summary>
    private protected abstract JsonTypeInfo TypeInfo { get; }

    /// <summary>Writes the event as one JSON object.</summary>
    internal void WriteTo(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, this, TypeInfo);

    /// <summary>Checks what must hold before the event is sent.</summary>
    internal virtual void Validate(string paramName)
    {
        if (AdditionalProperties is { } extra && (extra.ContainsKey("type") || extra.ContainsKey("event_id")))
        {
            throw new ArgumentException($"{GetType().Name}.AdditionalProperties may not set 'type' or 'event_id': the event's type and EventId send them.", paramName);
        }
    }
}
