using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace MythicDot;

/// <summary>
/// The items of a list endpoint, fetched a page at a time as the caller enumerates: <c>await foreach (var file in client.Files.ListAsync())</c>.
/// Stopping early fetches nothing more; <see cref="AsPagesAsync"/> gives the pages themselves (their cursor, <c>has_more</c> and response
/// metadata) for callers that keep their place between runs.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Each enumeration starts again from the first page (or the cursor given to <see cref="AsPagesAsync"/>). Every page is an
/// ordinary call: authenticated, retried and mapped to typed errors like any other.</remarks>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>Initializes a new instance of the <see cref="AsyncPageable{T}"/> class, for a fake in a test (see <see cref="AsyncPageable.FromPages"/>).</summary>
    protected AsyncPageable()
    {
    }

    /// <summary>Enumerates the pages, fetching each as the caller asks for it.</summary>
    /// <param name="after">The cursor to start after (a <see cref="Page{T}.LastId"/> kept from an earlier run); <see langword="null"/> for the start.</param>
    /// <param name="pageSize">How many items per page to ask for; <see langword="null"/> for the server's default.</param>
    /// <param name="cancellationToken">Cancels the enumeration; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pages, in order.</returns>
    public abstract IAsyncEnumerable<Page<T>> AsPagesAsync(string? after = null, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates the items of every page, in order, fetching pages as needed.</summary>
    /// <param name="cancellationToken">Cancels the enumeration; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Data)
            {
                yield return item;
            }
        }
    }
}

/// <summary>Builds <see cref="AsyncPageable{T}"/> values, for fakes in unit tests.</summary>
public static class AsyncPageable
{
    /// <summary>Creates a pageable over pages already in hand, for a fake in a unit test.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>The pageable; its <see cref="AsyncPageable{T}.AsPagesAsync"/> ignores the cursor and size arguments.</returns>
    public static AsyncPageable<T> FromPages<T>(IEnumerable<Page<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new StaticPageable<T>(pages.ToList());
    }

    private sealed class StaticPageable<T>(List<Page<T>> pages) : AsyncPageable<T>
    {
        public override async IAsyncEnumerable<Page<T>> AsPagesAsync(string? after = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return page;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}

/// <summary>One page of a list endpoint (<c>{"object":"list","data":[...],"first_id","last_id","has_more"}</c>).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T> : ApiResponse
{
    private IReadOnlyList<T> _data = [];

    /// <summary>Gets or sets the page's items.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no items.</remarks>
    public IReadOnlyList<T> Data
    {
        get => _data;
        init => _data = value ?? [];
    }

    /// <summary>Gets or sets whether more items follow this page.</summary>
    public bool HasMore { get; init; }

    /// <summary>Gets or sets the id of the page's first item, when the server sends it.</summary>
    public string? FirstId { get; init; }

    /// <summary>Gets or sets the id of the page's last item: the cursor of the next page.</summary>
    public string? LastId { get; init; }

    /// <summary>Gets or sets the object type, <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }
}
