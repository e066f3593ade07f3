using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.ExtensionsAI;

/// <summary>A MockHttp transport for one endpoint that records every request body it answers.</summary>
internal sealed class FakeApi : IDisposable
{
    private readonly MockHttpMessageHandler _mock = new();

    public FakeApi(int maxRetries = 2)
    {
        Client = new MythicDotClient(_mock.ToHttpClient(), new MythicDotClientOptions
        {
            ApiKey = "sk-test",
            BaseUrl = new Uri("https://api.test/v1/"),
            MaxRetries = maxRetries,
            JitterSource = () => 0.5,
        });
    }

    public MythicDotClient Client { get; }

    public List<string> Bodies { get; } = [];

    public int Calls => Bodies.Count;

    public void Answer(string path, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Answer(path, () => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Answers with each body in turn, the last one from then on.</summary>
    public void AnswerInTurn(string path, params string[] jsons)
    {
        var next = 0;
        Answer(path, () => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(jsons[Math.Min(next++, jsons.Length - 1)], Encoding.UTF8, "application/json"),
        });
    }

    public void AnswerStream(string path, string events) =>
        Answer(path, () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(events, Encoding.UTF8, "text/event-stream") });

    public void Dispose() => _mock.Dispose();

    /// <summary>Compares JSON texts by value, so that escaping (<c>\u0022</c> or <c>\"</c>) does not matter but order and every value do.</summary>
    public static void AssertJsonEqual(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        Assert.Equal(Normalize(expectedDocument.RootElement), Normalize(actualDocument.RootElement));
    }

    private static string Normalize(JsonElement element) =>
        JsonSerializer.Serialize(element, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private void Answer(string path, Func<HttpResponseMessage> response) =>
        _mock.When(HttpMethod.Post, "https://api.test/v1/" + path).Respond(async request =>
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync());
            return response();
        });
}
