using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests.Security;

/// <summary>
/// A redirect never carries the key, nor the request, to another server. Server A is a raw socket on 127.0.0.1 that
/// answers every request with a redirect; server B is the emulator, reached as <c>localhost</c> (another host name) or
/// as 127.0.0.1 on its own port (another origin). The clients are built the ways most callers build them: without an
/// <see cref="HttpClient"/> of their own (the SDK's shared handler), and by dependency injection.
/// </summary>
/// <remarks>
/// .NET's own redirect handling drops <c>Authorization</c> on every redirect, but resends the body (a 307 or 308) and
/// the other headers to the new server, and the caller then sees that server's 401. The SDK follows no redirect: the
/// 3xx is the error, with its <c>Location</c> in <see cref="ApiError.ResponseHeaders"/>, and server B sees nothing.
/// </remarks>
public sealed class RedirectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int, string> Redirects
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (var status in new[] { 301, 302, 303, 307, 308 })
            {
                data.Add(status, "localhost");
                data.Add(status, "127.0.0.1");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task CreateAsync_RedirectToAnotherOrigin_KeyNeverReachesIt(int status, string targetHost)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var target = new UriBuilder(emulator.BaseUrl) { Host = targetHost }.Uri;
        using var redirector = RawRedirector.Start((HttpStatusCode)status, new Uri(target, "chat/completions"));
        var client = new MythicDotClient(new MythicDotClientOptions { ApiKey = emulator.ApiKey, BaseUrl = redirector.BaseUrl });

        var error = await Assert.ThrowsAnyAsync<ApiError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        // Server A got the one request (a redirect is not retried), with the key: it is the configured BaseUrl.
        Assert.Contains("Authorization: Bearer " + emulator.ApiKey, Assert.Single(redirector.Requests), StringComparison.Ordinal);
        Assert.All(emulator.Requests, r =>
        {
            Assert.False(r.Headers.ContainsKey("Authorization"), $"server B received Authorization after a {status}");
            Assert.DoesNotContain(emulator.ApiKey, string.Join("\n", r.Headers.Values), StringComparison.Ordinal);
        });
        AssertNotFollowed(error, status, emulator);
    }

    [Fact]
    public async Task CreateStreamingAsync_RedirectToAnotherOrigin_KeyNeverReachesIt()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var redirector = RawRedirector.Start(HttpStatusCode.TemporaryRedirect, new Uri(new UriBuilder(emulator.BaseUrl) { Host = "localhost" }.Uri, "chat/completions"));
        var client = new MythicDotClient(new MythicDotClientOptions { ApiKey = emulator.ApiKey, BaseUrl = redirector.BaseUrl, MaxRetries = 0 });

        var error = await Assert.ThrowsAnyAsync<ApiError>(async () =>
        {
            await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct))
            {
            }
        });

        Assert.All(emulator.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
        AssertNotFollowed(error, 307, emulator);
    }

    [Fact]
    public async Task CreateAsync_ClientFromDependencyInjection_RedirectNotFollowed()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var redirector = RawRedirector.Start(HttpStatusCode.PermanentRedirect, new Uri(new UriBuilder(emulator.BaseUrl) { Host = "localhost" }.Uri, "chat/completions"));
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = emulator.ApiKey;
            o.BaseUrl = redirector.BaseUrl;
            o.MaxRetries = 0;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<MythicDotClient>();

        var error = await Assert.ThrowsAnyAsync<ApiError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        AssertNotFollowed(error, 308, emulator);
    }

    /// <summary>The SDK does not follow redirects: the 3xx surfaces as an ApiError, and server B sees nothing at all.</summary>
    private static void AssertNotFollowed(ApiError error, int status, MythicDotEmulator emulator)
    {
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.StartsWith("http://", error.ResponseHeaders["Location"], StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    /// <summary>Server A: answers every request on 127.0.0.1 with a redirect, and records each request's head.</summary>
    private sealed class RawRedirector : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly List<string> _requests = [];
        private readonly CancellationTokenSource _stop = new();

        private RawRedirector(TcpListener listener) => _listener = listener;

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public static RawRedirector Start(HttpStatusCode status, Uri location)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var server = new RawRedirector(listener);
            _ = server.ServeAsync(status, location);
            return server;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task ServeAsync(HttpStatusCode status, Uri location)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = connection.GetStream();
                    var head = await ReadHeadAsync(stream);
                    lock (_requests)
                    {
                        _requests.Add(head);
                    }

                    var response = $"HTTP/1.1 {(int)status} Redirect\r\nLocation: {location.AbsoluteUri}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // Stopped.
            }
        }

        /// <summary>Reads up to the blank line that ends the head; the body, if any, is left unread and dropped with the connection.</summary>
        private async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            var head = new List<byte>();
            var buffer = new byte[1];
            while (head.Count < 64 * 1024 && await stream.ReadAsync(buffer, _stop.Token) == 1)
            {
                head.Add(buffer[0]);
                if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
                {
                    break;
                }
            }

            return Encoding.ASCII.GetString([.. head]);
        }
    }
}
