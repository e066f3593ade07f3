namespace MythicDot.Realtime;

/// <summary><c>response.text.delta</c>: a piece of the response's text.</summary>
public sealed class ResponseTextDeltaEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseTextDeltaEvent"/> class.</summary>
    public ResponseTextDeltaEvent()
    {
        Type = RealtimeServerEventType.ResponseTextDelta;
    }

    /// <summary>Gets the id of the response.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the id of the item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the index of the item in the response's output.</summary>
    public int OutputIndex { get; init; }

    /// <summary>Gets the index of the part in the item's content.</summary>
    public int ContentIndex { get; init; }

    /// <summary>Gets the text to append.</summary>
    public string? Delta { get; init; }
}
