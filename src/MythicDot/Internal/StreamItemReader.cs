using System.Text.Json.Serialization.Metadata;

namespace MythicDot.Internal;

/// <summary>Reads the data of a stream's events as items; one instance per stream, so that it may keep state across events.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal abstract class StreamItemReader<T>
    where T : class
{
    /// <param name="namedEvents">See <see cref="NamedEvents"/>.</param>
    protected StreamItemReader(bool namedEvents = false)
    {
        NamedEvents = namedEvents;
    }

    /// <summary>Gets the generated deserializer's metadata for an item, used whenever <see cref="TryReadFast"/> declines.</summary>
    public abstract JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>Reads an event the way the generated deserializer would, when it has the common shape.</summary>
    /// <param name="json">The event's data.</param>
    /// <returns>The item; <see langword="null"/> to let the deserializer read it. Never an error envelope.</returns>
    public virtual T? TryReadFast(ReadOnlySpan<byte> json) => null;

    /// <summary>Whether a deserialized item holds an error envelope's <c>error</c> or <c>success</c> member among its unknown fields.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Whether the event should be read as an error.</returns>
    public abstract bool MayBeErrorEnvelope(T item);

    /// <summary>Gets whether the stream names its events (<c>event: message_start</c>, ...), as a Messages stream does: then every
    /// event but <c>event: error</c> is an item, read by <see cref="ReadNamed"/>, and the stream ends after the item <see cref="IsLast"/>
    /// accepts, with no <c>[DONE]</c>. Otherwise (a chat stream) only events of the default type are items, and named ones are skipped.</summary>
    /// <remarks>A field, not a virtual member: it is read for every event of every stream.</remarks>
    public bool NamedEvents { get; }

    /// <summary>Gets what ends the stream, for the error of a stream that stops before it.</summary>
    public virtual string EndName => "[DONE]";

    /// <summary>Reads an event of a stream with <see cref="NamedEvents"/>: the event's name (<see cref="System.Net.ServerSentEvents.SseParser.EventTypeDefault"/>
    /// when it had none) picks its type.</summary>
    /// <param name="eventType">The event's name.</param>
    /// <param name="json">The event's data.</param>
    /// <returns>The item, or <see langword="null"/> for a <c>null</c> body.</returns>
    /// <exception cref="System.Text.Json.JsonException">The data is not the JSON of an item.</exception>
    public virtual T? ReadNamed(string eventType, ReadOnlySpan<byte> json) => throw new NotSupportedException("This stream does not name its events.");

    /// <summary>Whether an item is the last of a stream with <see cref="NamedEvents"/> (<c>message_stop</c>).</summary>
    /// <param name="item">The item.</param>
    /// <returns>Whether the stream is complete after it.</returns>
    public virtual bool IsLast(T item) => false;
}
