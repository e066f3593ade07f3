using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot;

/// <summary>The base of every object the API sends: the fields the SDK types as properties, and every other field the server
/// sent, kept as it came in <see cref="AdditionalProperties"/>, so that nothing a server sends is lost.</summary>
public abstract class ApiObject
{
    /// <summary>Initializes a new instance of the <see cref="ApiObject"/> class; only the SDK's own models derive from it.</summary>
    private protected ApiObject()
    {
    }

    /// <summary>Gets the fields the SDK does not model, as the server sent them; <see langword="null"/> when there were none.</summary>
    /// <remarks>Read-only once built; set it in an object initializer (a test's fake, for example). On an object that is also
    /// sent (a <see cref="Chat.ChatMessage"/> replayed in the next request), these fields are sent back as they are.</remarks>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties
    {
        get => ExtensionData;
        init => ExtensionData = ExtensionFields.From(value);
    }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
