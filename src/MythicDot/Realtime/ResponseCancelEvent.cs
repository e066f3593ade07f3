using System.Text.Json.Serialization.Metadata;
using MythicDot.Serialization;

namespace MythicDot.Realtime;

/// <summary><c>response.cancel</c>: stops the response in progress; it ends with <see cref="ResponseDoneEvent"/> and the status <see cref="RealtimeResponseStatus.Cancelled"/>.</summary>
public sealed class ResponseCancelEvent : RealtimeClientEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseCancelEvent"/> class.</summary>
    public ResponseCancelEvent()
        : base("response.cancel")
    {
    }

    /// <summary>Gets or sets the id of the response to cancel; <see langword="null"/> for the one in progress.</summary>
    public string? ResponseId { get; set; }

    private protected override JsonTypeInfo TypeInfo => RealtimeJsonContext.Default.ResponseCancelEvent;
}
