using System.Net;
using System.Text.Json;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>The raw escape hatch, <see cref="MythicDotClient.SendRequestAsync(HttpMethod, string, JsonElement?, CancellationToken)"/>,
/// against the emulator's moderations endpoint: same key, typed errors and retries as the typed calls.</summary>
public sealed class RawRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendRequestAsync_PostModerations_ReturnsJsonBodyAndResponseMetadata()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        using var body = JsonDocument.Parse("""{"input":["hello","world"]}""");

        var response = await client.SendRequestAsync(HttpMethod.Post, "moderations", body.RootElement, Ct);

        Assert.Equal("modr-emulator-000001", response.Body.GetProperty("id").GetString());
        Assert.Equal([false, false], response.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("flagged").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, response.Response!.StatusCode);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal(request.RequestId, response.Response.RequestId);
        Assert.Equal(9_999, response.Response.RateLimits.RemainingRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/moderations", request.Path);
        Assert.Equal("""{"input":["hello","world"]}""", request.Body);
        Assert.Equal("Bearer sk-emulator-key", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task SendRequestAsync_ModerationsWithoutInput_ThrowsBadRequestErrorWithParamInput()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();
        using var body = JsonDocument.Parse("{}");

        var error = await Assert.ThrowsAsync<BadRequestError>(() => client.SendRequestAsync(HttpMethod.Post, "moderations", body.RootElement, Ct));

        Assert.Equal(ErrorCodes.ParameterMissing, error.Code);
        Assert.Equal("input", error.Param);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task SendRequestAsync_UnknownPath_ThrowsNotFoundErrorWithResourceNotFound()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.SendRequestAsync(HttpMethod.Get, "files/file-123", cancellationToken: Ct));

        Assert.Equal(ErrorCodes.ResourceNotFound, error.Code);
        Assert.Equal("/v1/files/file-123", Assert.Single(emulator.Requests).Path);
    }

    [Fact]
    public async Task SendRequestAsync_ServiceUnavailableOnce_RetriesAndSucceeds()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503), path: "moderations");
        var client = emulator.CreateClient(clock);
        using var body = JsonDocument.Parse("""{"input":"hello"}""");

        var response = await clock.RunUntilCompletedAsync(client.SendRequestAsync(HttpMethod.Post, "moderations", body.RootElement, Ct));

        Assert.False(response.Body.GetProperty("results")[0].GetProperty("flagged").GetBoolean());
        Assert.Equal(2, response.Response!.Attempts);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.Single(clock.Sleeps);
    }
}
