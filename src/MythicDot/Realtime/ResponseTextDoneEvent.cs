namespace MythicDot.Realtime;

/// <summary><c>response.text.done</c>: the text of a content part is complete.</summary>
public sealed class ResponseTextDoneEvent : RealtimeServerEvent
{
    /// <summary>Initializes a new instance of the <see cref="ResponseTextDoneEvent"/> class.</summary>
    public ResponseTextDoneEvent()
    {
        Type = RealtimeServerEventType.ResponseTextDone;
    }

    /// <summary>Gets the id of the response.</summary>
    public string? ResponseId { get; init; }

    /// <summary>Gets the id of the item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Gets the index of the item in the response's output.</summary>
    public int OutputIndex { get; init; }

    /// <summary>Gets the index of the part in the item's content.</summary>
    public int ContentIndex { get; init; }

    /// <summary>Gets the whole text.</summary>
    public string? Text { get; init; }
}
