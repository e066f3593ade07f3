namespace MythicDot.Chat;

/// <summary>Helpers for streamed chat completions.</summary>
public static class ChatCompletionStreamExtensions
{
    /// <summary>Reads a whole stream and folds it into one <see cref="ChatCompletion"/> (see <see cref="ChatCompletionAccumulator"/>).</summary>
    /// <param name="chunks">The stream from <c>CreateStreamingAsync</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The completion the chunks add up to.</returns>
    /// <exception cref="ApiError">The stream failed; see <c>CreateStreamingAsync</c>.</exception>
    public static async Task<ChatCompletion> ToCompletionAsync(this IAsyncEnumerable<ChatCompletionChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var accumulator = new ChatCompletionAccumulator();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(chunk);
        }

        return accumulator.ToCompletion();
    }
}
