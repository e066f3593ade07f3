using System.Text.Json.Serialization.Metadata;

namespace MythicDot.Internal;

/// <summary>Reads the data of a stream's events as items; one instance per stream, so that it may keep state across events.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal abstract class StreamItemReader<T>
    where T : class
{
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
}
