using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.DependencyInjection;

/// <summary>The client from dependency injection sends and reads as the default client does (over real sockets on 127.0.0.1).</summary>
/// <remarks>Not on the netstandard2.0 build: it knows only HttpClientHandler (.NET Framework's), and this runtime's factory
/// hands out a SocketsHttpHandler.</remarks>
public sealed class FactoryHandlerTests
{
#if !SDK_NETSTANDARD2_0
    private const string ModelsJson = """{"object":"list","data":[{"id":"mythic-4","object":"model","created":1704067200,"owned_by":"mythicdot"}]}""";

    [Fact]
    public async Task AddMythicDotClient_Request_SendsTheDefaultClientsAcceptEncoding()
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.Json(ModelsJson));
        using var provider = Provider(server);

        await new MythicDotClient(new MythicDotClientOptions { ApiKey = "sk-x", BaseUrl = server.BaseUrl }).Models.ListAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);

        var (direct, injected) = (LoopbackServer.Header(server.Requests[0], "Accept-Encoding"), LoopbackServer.Header(server.Requests[1], "Accept-Encoding"));
        Assert.NotNull(direct);
        Assert.Contains("gzip", direct, StringComparison.Ordinal);
        Assert.Equal(direct, injected);
    }

    [Fact]
    public async Task MythicDotClient_GzipResponse_IsDecoded()
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.GzipJson(ModelsJson));
        var client = new MythicDotClient(new MythicDotClientOptions { ApiKey = "sk-x", BaseUrl = server.BaseUrl });

        var models = await client.Models.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("mythic-4", Assert.Single(models).Id);
    }

    [Fact]
    public async Task AddMythicDotClient_GzipResponse_IsDecoded()
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.GzipJson(ModelsJson));
        using var provider = Provider(server);

        var models = await provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("mythic-4", Assert.Single(models).Id);
    }

    [Fact]
    public async Task AddMythicDotClient_Redirect_IsNotFollowed()
    {
        await using var server = new LoopbackServer(path => path.EndsWith("/models", StringComparison.Ordinal)
            ? LoopbackServer.Json("{}", 302, "Location: /v1/elsewhere\r\n")
            : LoopbackServer.Json(ModelsJson));
        using var provider = Provider(server);

        var error = await Assert.ThrowsAnyAsync<ApiError>(() => provider.GetRequiredService<MythicDotClient>().Models.ListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.StartsWith("GET /v1/models ", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(LoopbackServer server)
    {
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = "sk-x";
            o.BaseUrl = server.BaseUrl;
            o.MaxRetries = 0;
        });
        return services.BuildServiceProvider();
    }
#endif
}
