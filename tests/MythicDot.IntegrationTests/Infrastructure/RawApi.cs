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
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        using var response = await http.SendAsync(request, Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, response.Headers, body.RootElement.Clone());
    }
}
