using System.Globalization;
using System.Runtime.CompilerServices;

namespace MythicDot.Internal;

/// <summary>
/// A list endpoint paged by cursor, as OpenAI's are: each page is fetched with <c>after</c> (the previous page's last id) and
/// <c>limit</c>, until a page says <c>has_more: false</c>. A page that claims more but would start the next one where it started
/// (no items, or the same cursor again) ends the enumeration with an <see cref="ApiError"/> rather than looping or
/// silently stopping.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="fetch">Fetches one page: the path with its query, and the caller's token.</param>
/// <param name="path">The list's path without a query, for example <c>files</c>.</param>
/// <param name="query">The list's own filters, already escaped (<c>purpose=batch</c>), or empty.</param>
/// <param name="lastIdOf">An item's id, for a page that sends no <c>last_id</c>.</param>
/// <param name="defaultPageSize">The page size when the caller gives none; <see langword="null"/> for the server's.</param>
internal sealed class CursorPageable<T>(
    Func<string, CancellationToken, Task<Page<T>>> fetch,
    string path,
    string query,
    Func<T, string?> lastIdOf,
    int? defaultPageSize)
    : AsyncPageable<T>
{
    public override async IAsyncEnumerable<Page<T>> AsPagesAsync(string? after = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be at least 1.");
        }

        var size = pageSize ?? defaultPageSize;
        var cursor = after;
        while (true)
        {
            var page = await fetch(PathFor(cursor, size), cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.HasMore)
            {
                yield break;
            }

            var next = page.LastId ?? (page.Data.Count > 0 && page.Data[^1] is { } last ? lastIdOf(last) : null);
            if (page.Data.Count == 0 || string.IsNullOrEmpty(next) || next == cursor)
            {
                throw new ApiError(string.Create(CultureInfo.InvariantCulture,
                    $"The list at '{path}' says it has more items, but its page (after '{cursor ?? "(start)"}') gives no cursor that moves on; stopped rather than fetch the same page again."));
            }

            cursor = next;
        }
    }

    private string PathFor(string? after, int? size)
    {
        var parts = new List<string>(3);
        if (query.Length > 0)
        {
            parts.Add(query);
        }

        if (after is not null)
        {
            parts.Add("after=" + Uri.EscapeDataString(after));
        }

        if (size is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }
}
