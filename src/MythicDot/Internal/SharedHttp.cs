using System.Net;

namespace MythicDot.Internal;

/// <summary>The one <see cref="HttpClient"/> every client built without a caller's <see cref="HttpClient"/> shares.</summary>
/// <remarks>
/// A pooled-connection lifetime makes the shared handler notice DNS changes; the SDK enforces its own timeout.
/// Redirects are not followed: the API never sends one, and following it would resend the request body (prompts) and
/// headers to whatever server the Location names. A 3xx surfaces as an <see cref="ApiError"/> with its status.
/// </remarks>
internal static class SharedHttp
{
    private static readonly Lazy<HttpClient> LazyClient = new(Create);

    public static HttpClient Client => LazyClient.Value;

    private static HttpClient Create()
    {
#if NETSTANDARD2_0
        // No SocketsHttpHandler: on .NET Framework, an application that needs DNS changes noticed passes its own
        // HttpClient or uses dependency injection, whose IHttpClientFactory rotates handlers.
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        };
#else
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = MythicDotDefaults.PooledConnectionLifetime,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = false,
        };
#endif
        return new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
