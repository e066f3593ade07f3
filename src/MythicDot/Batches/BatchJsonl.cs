using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MythicDot.Serialization;

namespace MythicDot.Batches;

/// <summary>Writes a batch's input file and reads its output and error files: JSON Lines, UTF-8, one JSON object per line.</summary>
public static class BatchJsonl
{
    private static readonly byte[] NewLine = [(byte)'\n'];

    /// <summary>Writes request lines, each followed by <c>\n</c>.</summary>
    /// <param name="destination">Where to write; not disposed.</param>
    /// <param name="lines">The lines.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task that completes when every line is written.</returns>
    public static async Task WriteRequestsAsync(Stream destination, IEnumerable<BatchRequestLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(line, BatchesJsonContext.Default.BatchRequestLine);
            await destination.WriteAsync(bytes.AsMemory(), cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(NewLine.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads result lines as they arrive; blank lines (a trailing newline) are skipped and <c>\r\n</c> is accepted.</summary>
    /// <param name="source">The output or error file's content; not disposed.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The lines, in the file's order.</returns>
    /// <exception cref="JsonException">A line is not a result object.</exception>
    public static async IAsyncEnumerable<BatchResultLine> ReadResultsAsync(Stream source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var reader = new StreamReader(source, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 81920, leaveOpen: true);
        var number = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                yield break;
            }

            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            BatchResultLine? line;
            try
            {
                line = JsonSerializer.Deserialize(text, BatchesJsonContext.Default.BatchResultLine);
            }
            catch (JsonException exception)
            {
                throw new JsonException($"Line {number} of the batch file is not a result object: {exception.Message}", exception);
            }

            yield return line ?? throw new JsonException($"Line {number} of the batch file is null.");
        }
    }
}
