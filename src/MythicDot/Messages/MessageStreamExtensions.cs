namespace MythicDot.Messages;

/// <summary>Helpers for streamed messages.</summary>
public static class MessageStreamExtensions
{
    /// <summary>Reads a whole stream and folds it into one <see cref="Message"/> (see <see cref="MessageAccumulator"/>).</summary>
    /// <param name="events">The stream from <c>CreateStreamingAsync</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message the events add up to.</returns>
    /// <exception cref="ApiError">The stream failed; see <c>CreateStreamingAsync</c>.</exception>
    public static async Task<Message> ToMessageAsync(this IAsyncEnumerable<MessageStreamEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var accumulator = new MessageAccumulator();
        await foreach (var streamEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(streamEvent);
        }

        return accumulator.ToMessage();
    }
}
