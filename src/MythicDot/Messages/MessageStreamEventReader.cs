using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Internal;
using MythicDot.Serialization;

namespace MythicDot.Messages;

/// <summary>Reads the named events of one Messages stream (<c>event: content_block_delta</c>, ...) as their typed <see cref="MessageStreamEvent"/>s.</summary>
/// <remarks>The event's name picks the type; an event without a name (plain <c>data:</c>) is typed by its data's <c>type</c>. The stream
/// ends after <c>message_stop</c>. One instance serves one stream: it keeps the <c>message_start</c> so that the
/// <c>message_delta</c> reports the whole call's model and token counts to telemetry.</remarks>
internal sealed class MessageStreamEventReader : StreamItemReader<MessageStreamEvent>
{
    private MessageStartEvent? _start;

    public MessageStreamEventReader()
        : base(namedEvents: true)
    {
    }

    public override JsonTypeInfo<MessageStreamEvent> TypeInfo => MessagesJsonContext.Default.MessageStreamEvent;

    public override string EndName => "message_stop";

    public override bool MayBeErrorEnvelope(MessageStreamEvent item) =>
        item.AdditionalProperties is { } unknown && (unknown.ContainsKey("error") || unknown.ContainsKey("success"));

    public override bool IsLast(MessageStreamEvent item) => item is MessageStopEvent;

    public override MessageStreamEvent? ReadNamed(string eventType, ReadOnlySpan<byte> json)
    {
        var type = string.Equals(eventType, System.Net.ServerSentEvents.SseParser.EventTypeDefault, StringComparison.Ordinal) ? TypeOf(json) : eventType;
        var context = MessagesJsonContext.Default;
        MessageStreamEvent? item = type switch
        {
            "content_block_delta" => JsonSerializer.Deserialize(json, context.ContentBlockDeltaEvent),
            "message_start" => _start = JsonSerializer.Deserialize(json, context.MessageStartEvent),
            "content_block_start" => JsonSerializer.Deserialize(json, context.ContentBlockStartEvent),
            "content_block_stop" => JsonSerializer.Deserialize(json, context.ContentBlockStopEvent),
            "message_delta" => JsonSerializer.Deserialize(json, context.MessageDeltaEvent) is { } delta ? Attach(delta) : null,
            "message_stop" => JsonSerializer.Deserialize(json, context.MessageStopEvent),
            "ping" => JsonSerializer.Deserialize(json, context.MessagePingEvent),
            _ => JsonSerializer.Deserialize(json, context.UnknownMessageStreamEvent),
        };
        item?.DefaultType(type ?? eventType);
        return item;
    }

    private MessageDeltaEvent Attach(MessageDeltaEvent delta)
    {
        delta.Start = _start;
        return delta;
    }

    /// <summary>The data's top-level <c>type</c>, or <see langword="null"/>; invalid JSON is left to the deserializer to report.</summary>
    private static string? TypeOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
