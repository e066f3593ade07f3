using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests.Security;

/// <summary>
/// What the emulator's README promises about keys: <see cref="RecordedRequest.Headers"/> holds the
/// <c>Authorization</c> header as sent, <see cref="RecordedRequest.ToString"/> (the dump tests print) never holds a
/// key, the right one or a wrong one, on any path; and its answers never repeat a key.
/// </summary>
public sealed class EmulatorKeyTests
{
    private const string WrongKey = "sk-proj-WRONGKEY-5e4d3c2b1a09f8e7";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordedRequests_EveryPathThroughTheSdk_DumpsHoldNoKey()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o => o.MaxRetries = 0);
        var wrong = emulator.CreateClient(o =>
        {
            o.ApiKey = WrongKey;
            o.MaxRetries = 0;
        });

        await client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct);
        await foreach (var _ in client.Chat.Completions.CreateStreamingAsync(TestRequests.Hello(), Ct))
        {
        }

        await client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct);
        await client.Models.ListAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded));
        await Assert.ThrowsAsync<RateLimitError>(() => client.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));
        emulator.EnqueueFault(EmulatorFault.Reset());
        await Assert.ThrowsAsync<ApiConnectionError>(() => client.Models.ListAsync(Ct));
        var unauthorized = await Assert.ThrowsAsync<AuthenticationError>(() => wrong.Chat.Completions.CreateAsync(TestRequests.Hello(), Ct));

        Assert.Equal(7, emulator.Requests.Count);
        foreach (var request in emulator.Requests)
        {
            var dump = request.ToString();
            Assert.DoesNotContain(emulator.ApiKey, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongKey, dump, StringComparison.Ordinal);
            Assert.Contains("Authorization: Bearer ***", dump, StringComparison.Ordinal);
        }

        Assert.Equal("Bearer " + WrongKey, emulator.Requests[^1].Headers["Authorization"]);
        Assert.All(emulator.Requests.SkipLast(1), r => Assert.Equal("Bearer " + emulator.ApiKey, r.Headers["Authorization"]));
        Assert.DoesNotContain(WrongKey, unauthorized.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, unauthorized.ResponseBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer " + WrongKey, "Bearer ***")]
    [InlineData("bearer " + WrongKey, "bearer ***")]
    [InlineData(WrongKey, "***")]
    [InlineData("Basic c2stcHJvai1XUk9OR0tFWQ==", "Basic ***")]
    public async Task RecordedRequest_AnyAuthorizationValue_RedactedInTheDump(string authorization, string shown)
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseUrl, "models"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(authorization.Split(' ')[^1], body, StringComparison.Ordinal);
        var dump = Assert.Single(emulator.Requests).ToString();
        Assert.Contains("Authorization: " + shown, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(authorization.Split(' ')[^1], dump, StringComparison.Ordinal);
    }
}
