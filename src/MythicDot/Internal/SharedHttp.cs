namespace MythicDot.Internal;

/// <summary>The one <see cref="HttpClient"/> every client built without a caller's <see cref="HttpClient"/> shares.</summary>
/// <remarks>
/// Its handler has the <see cref="HandlerSettings"/> (decompression, no redirects) that dependency injection also applies.
/// A pooled-connection lifetime makes the shared handler notice DNS changes (under dependency injection, IHttpClientFactory's
/// handler rotation does that); the SDK enforces its own timeout.
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
        var handler = new HttpClientHandler();
#else
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = MythicDotDefaults.PooledConnectionLifetime,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
#endif
        HandlerSettings.Apply(handler);
        return new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
