using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MythicDot.Testing;

namespace MythicDot.IntegrationTests.Infrastructure;

/// <summary>Plain <see cref="HttpClient"/> calls to the emulator, for checking its contract where the SDK's own validation would be in the way.</summary>
internal static class RawApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts <paramref name="json"/> to <paramref name="path"/> (relative to the base URL) with the emulator's key.</summary>
    /// <returns>The status, the headers and the JSON body.</returns>
    public static async Task<(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement Body)> PostAsync(MythicDotEmulator emulator, string path, string json)
    {
        var (status, headers, text) = await PostTextAsync(emulator, path, json);
        using var body = JsonDocument.Parse(text);
        return (status, headers, body.RootElement.Clone());
    }

    /// <summary>Posts <paramref name="json"/> to <paramref name="path"/> with the emulator's key, for asserting the exact bytes answered.</summary>
    /// <returns>The status, the headers and the body as text.</returns>
    public static async Task<(HttpStatusCode Status, HttpResponseHeaders Headers, string Body)> PostTextAsync(MythicDotEmulator emulator, string path, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, response.Headers, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Posts a chat completion that streams, and reads the event stream to its end.</summary>
    /// <returns>The payload of every <c>data:</c> event in order, <c>[DONE]</c> included; the status must be 200.</returns>
    public static async Task<List<string>> PostEventsAsync(MythicDotEmulator emulator, string json)
    {
        var (status, _, text) = await PostTextAsync(emulator, "chat/completions", json);
        Assert.Equal(HttpStatusCode.OK, status);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        return events.Select(e => e["data: ".Length..]).ToList();
    }
}
