using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>
/// Every path the SDK sends to is resolved against BaseUrl as the request will be, and refused before anything is sent when the
/// result would leave it: another scheme, host or port, user info, or a path outside the base path (also once percent-decoded).
/// </summary>
public sealed class PathResolutionTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    /// <summary>Raw paths that must never be sent: each would reach another host, another scheme, or a path outside /v1/.</summary>
    public static TheoryData<string> HostilePaths => new()
    {
        "\\/evil.example/steal",           // backslash read as '/': https://evil.example/steal
        "\t//evil.example/x",              // leading tab trimmed: scheme-relative
        "\r\n//evil.example/x",            // leading line break trimmed
        " //evil.example/x",               // leading space trimmed
        "\u0001//evil.example/x",          // leading control character
        "\\\\evil.example/steal",          // UNC: file://evil.example
        "//evil.example/x",                // scheme-relative
        "///evil.example/x",
        "//user@evil.example/x",           // user info and another host
        "https://evil.example/v1/models",  // absolute
        "https://user:pw@api.mythicdot.test/v1/models", // absolute, same host, with user info
        "http://api.mythicdot.test/v1/models", // another scheme
        "file:///etc/passwd",
        "javascript:alert(1)",
        "models:foo",                      // a scheme in disguise
        "models/../../../x",               // dot segments out of /v1/
        "../x",
        "..",
        ".",
        "models/..",
        "models/./x",
        "%2e%2e/x",                        // encoded dots, which Uri decodes and applies
        "%2E%2E/%2E%2E/x",
        ".%2e/x",
        "models%2f..%2f..%2fx",            // encoded slashes a decoding server would follow
        "models%2F..%2F..%2Fx",
        "..%5c..%5cx",                     // encoded backslashes
        "models\\..\\..\\x",
        "files\\abc",                      // a backslash Uri would turn into '/'
        "models#/../../x",                 // a fragment is never sent
        "#//evil.example",
        "?x=//evil.example",               // no path, only a query
        "models\u0000x",                   // NUL
        "models x",                        // white space Uri would escape silently
        "\u3000//evil.example/x",          // ideographic space
    };

    /// <summary>Spellings that look hostile but resolve under BaseUrl, and are sent exactly there.</summary>
    public static TheoryData<string, string> HarmlessPaths => new()
    {
        { "@evil.example/x", "https://api.mythicdot.test/v1/@evil.example/x" },                          // '@' in a path is not user info
        { "\uFF0F\uFF0Fevil.example/x", "https://api.mythicdot.test/v1/%EF%BC%8F%EF%BC%8Fevil.example/x" }, // full-width solidus: not a separator
        { "\uFF45\uFF56\uFF49\uFF4C.example", "https://api.mythicdot.test/v1/%EF%BD%85%EF%BD%96%EF%BD%89%EF%BD%8C.example" },
        { "xn--80ak6aa92e.com/x", "https://api.mythicdot.test/v1/xn--80ak6aa92e.com/x" },               // an IDN host spelled as a segment
        { "models?next=//evil.example", "https://api.mythicdot.test/v1/models?next=//evil.example" },   // '//' in a query stays in the query
        { "/moderations", "https://api.mythicdot.test/v1/moderations" },                                  // one leading '/' is relative to BaseUrl
        { "files/file-1%2Fx", "https://api.mythicdot.test/v1/files/file-1%2Fx" },                         // an encoded slash that stays under /v1/
        { "models/%252e%252e/x", "https://api.mythicdot.test/v1/models/%252e%252e/x" },                  // doubly encoded: decoded once, still '%2e'
    };

    /// <summary>Model ids, file ids and the like: each becomes one escaped segment, or is refused.</summary>
    public static TheoryData<string> HostileIds => new()
    {
        "../../../x", "..\\..\\x", "a/b", "a\\b", "//evil.example", "https://evil.example/", "?x=1", "#x", "%2e%2e", "..%2f..%2fx",
        "@evil.example", "\u3000", "mythic-4?stream=true", "\uFF0F\uFF0Fevil", "a b", "x%00y",
    };

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public async Task SendRequestAsync_HostilePath_ThrowsArgumentExceptionAndSendsNothing(string path)
    {
        var client = _api.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SendRequestAsync(HttpMethod.Get, path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("path", error.ParamName);
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public void SendRequestAsync_HostilePath_ThrowsBeforeReturningATask(string path)
    {
        var client = _api.Client();

        Assert.Throws<ArgumentException>(() => { _ = client.SendRequestAsync(HttpMethod.Get, path); });
    }

    [Theory]
    [MemberData(nameof(HarmlessPaths))]
    public async Task SendRequestAsync_PathThatStaysUnderBaseUrl_SentExactlyThere(string path, string expected)
    {
        _api.Enqueue(HttpStatusCode.OK, "{}");
        var client = _api.Client();

        await client.SendRequestAsync(HttpMethod.Get, path, cancellationToken: TestContext.Current.CancellationToken);

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(expected, sent.Uri.AbsoluteUri);
        Assert.Equal(ApiHarness.BaseUrl.Host, sent.Uri.Host);
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task GetAsync_HostileModelId_SentAsOneEscapedSegmentOrRefused(string id)
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"x","object":"model","created":1,"owned_by":"o"}""");
        var client = _api.Client();

        try
        {
            await client.Models.GetAsync(id, TestContext.Current.CancellationToken);
        }
        catch (ArgumentException error)
        {
            Assert.Equal("id", error.ParamName);
            Assert.Empty(_api.Requests);
            return;
        }

        var sent = Assert.Single(_api.Requests).Uri;
        Assert.Equal("https://api.mythicdot.test/v1/models/" + Uri.EscapeDataString(id), sent.AbsoluteUri);
        Assert.Equal(["/", "v1/", "models/", Uri.EscapeDataString(id)], sent.Segments);
        Assert.Empty(sent.Query);
        Assert.Empty(sent.Fragment);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../../../x")]
    public async Task GetAsync_IdThatWouldLeaveTheModelsPath_ThrowsNamingId(string id)
    {
        var client = _api.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Models.GetAsync(id, TestContext.Current.CancellationToken));

        Assert.Equal("id", error.ParamName);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task SendRequestAsync_EncodedDotSegments_MessageNamesThePathAndTheReason()
    {
        var client = _api.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SendRequestAsync(HttpMethod.Get, "%2e%2e/x", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("'%2e%2e/x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'..' segment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRequestAsync_EncodedSlashesClimbingOut_MessageNamesTheResolvedUrlAndBaseUrl()
    {
        var client = _api.Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SendRequestAsync(HttpMethod.Get, "models%2f..%2f..%2fx", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("https://api.mythicdot.test/v1/models%2f..%2f..%2fx", error.Message, StringComparison.Ordinal);
        Assert.Contains("percent-decoded", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseUrl 'https://api.mythicdot.test/v1/'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRequestAsync_BaseUrlWithDeeperPath_RefusesAPathThatClimbsToItsParent()
    {
        var client = _api.Client(o => o.BaseUrl = new Uri("https://gateway.test/tenant-a/mythicdot/v1/"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendRequestAsync(HttpMethod.Get, "models%2F..%2F..%2F..%2Ftenant-b%2Fsecrets", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Empty(_api.Requests);
    }
}
