using MythicDot.Internal;

namespace MythicDot.Tests.Transport;

/// <summary>Cursor paging (<c>after</c>, <c>limit</c>, <c>has_more</c>): pages fetched as the caller enumerates, nothing fetched
/// after an early stop, and a server whose pages do not advance stopped with an error instead of a loop.</summary>
public sealed class PaginationTests
{
    private sealed record Item(string Id);

    private readonly List<string> _fetched = [];

    [Fact]
    public async Task Enumerate_ThreePages_FetchesEachWithTheLastIdAsCursor()
    {
        var pageable = Pageable(Page(["a", "b"], hasMore: true, lastId: "b"), Page(["c", "d"], hasMore: true, lastId: null), Page(["e"], hasMore: false));

        var items = await pageable.Select(i => i.Id).ToListAsync();

        Assert.Equal(["a", "b", "c", "d", "e"], items);
        Assert.Equal(["files?purpose=batch&limit=2", "files?purpose=batch&after=b&limit=2", "files?purpose=batch&after=d&limit=2"], _fetched);
    }

    [Fact]
    public async Task Enumerate_StopEarly_FetchesNothingMore()
    {
        var pageable = Pageable(Page(["a", "b"], hasMore: true, lastId: "b"), Page(["c"], hasMore: false));

        await foreach (var item in pageable)
        {
            Assert.Equal("a", item.Id);
            break;
        }

        Assert.Single(_fetched);
    }

    [Fact]
    public async Task AsPages_FromACursorWithASize_StartsThereAndKeepsTheMetadata()
    {
        var pageable = Pageable(Page(["x"], hasMore: false, firstId: "x", lastId: "x"));

        var pages = await pageable.AsPagesAsync(after: "file-9", pageSize: 50).ToListAsync();

        Assert.Equal(["files?purpose=batch&after=file-9&limit=50"], _fetched);
        Assert.Equal("x", Assert.Single(pages).FirstId);
        Assert.False(pages[0].HasMore);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await pageable.AsPagesAsync(pageSize: 0).ToListAsync());
    }

    [Theory]
    [InlineData("empty page")]
    [InlineData("same cursor")]
    public async Task Enumerate_PagesThatDoNotAdvance_ApiErrorNotALoop(string kind)
    {
        var pageable = kind == "empty page"
            ? Pageable(Page([], hasMore: true))
            : Pageable(Page(["a"], hasMore: true, lastId: "a"), Page(["a"], hasMore: true, lastId: "a"));

        var error = await Assert.ThrowsAsync<ApiError>(async () => await pageable.ToListAsync());

        Assert.Contains("says it has more items", error.Message, StringComparison.Ordinal);
        Assert.True(_fetched.Count <= 2);
    }

    [Fact]
    public async Task Enumerate_Cancelled_StopsWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var pageable = Pageable(Page(["a"], hasMore: true, lastId: "a"), Page(["b"], hasMore: false));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in pageable.WithCancellation(cancel.Token))
            {
                cancel.Cancel();
            }
        });

        Assert.Single(_fetched);
    }

    [Fact]
    public async Task FromPages_AFakeForTests_EnumeratesTheGivenPages()
    {
        var fake = AsyncPageable.FromPages([Page(["a"], hasMore: true, lastId: "a"), Page(["b"], hasMore: false)]);

        Assert.Equal(["a", "b"], await fake.Select(i => i.Id).ToListAsync());
        Assert.Equal(2, (await fake.AsPagesAsync().ToListAsync()).Count);
    }

    private static Page<Item> Page(string[] ids, bool hasMore, string? lastId = null, string? firstId = null) =>
        new() { Data = ids.Select(id => new Item(id)).ToList(), HasMore = hasMore, LastId = lastId, FirstId = firstId, ObjectType = "list" };

    private CursorPageable<Item> Pageable(params Page<Item>[] pages)
    {
        var next = 0;
        return new CursorPageable<Item>(
            (path, token) =>
            {
                token.ThrowIfCancellationRequested();
                _fetched.Add(path);
                return Task.FromResult(pages[Math.Min(next++, pages.Length - 1)]);
            },
            "files",
            "purpose=batch",
            item => item.Id,
            defaultPageSize: 2);
    }
}
