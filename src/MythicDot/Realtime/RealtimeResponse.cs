using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Realtime;

/// <summary>A response of the model in a realtime session, as <see cref="ResponseCreatedEvent"/> and <see cref="ResponseDoneEvent"/> report it.</summary>
public sealed class RealtimeResponse : ApiObject
{
    /// <summary>Gets the response's id (for example <c>resp_...</c>).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the object type the server names, <c>realtime.response</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the response's state; <see cref="RealtimeResponseStatus.Completed"/> in a <c>response.done</c> that went well.</summary>
    public RealtimeResponseStatus Status { get; init; }

    /// <summary>Gets why the response is <c>incomplete</c>, <c>cancelled</c> or <c>failed</c>, as the server shapes it.</summary>
    public JsonElement? StatusDetails { get; init; }

    /// <summary>Gets the items the response produced.</summary>
    public IReadOnlyList<RealtimeConversationItem>? Output { get; init; }

    /// <summary>Gets the tokens the response used; in <c>response.done</c> only.</summary>
    public RealtimeUsage? Usage { get; init; }
}
