using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Moderations;

/// <summary><c>POST /moderations</c>: the bytes sent, the typed results (categories open), errors, and validation before sending.</summary>
public sealed class ModerationsClientTests : IDisposable
{
    private const string Answer = """
        {"id":"modr-1","model":"omni-moderation-latest","results":[
          {"flagged":true,"categories":{"hate":false,"violence":true,"violence/graphic":false,"future/category":true},
           "category_scores":{"hate":0.0002,"violence":0.97,"violence/graphic":0.01,"future/category":0.6},
           "category_applied_input_types":{"violence":["text"],"hate":[]},"explanation":"x"},
          {"flagged":false,"categories":{"hate":false,"violence":false},"category_scores":{"hate":0.0001,"violence":0.0001}}],
         "usage_hint":1}
        """;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task CreateAsync_SeveralTexts_SendsThemAsAnArrayAndReadsOneResultEach()
    {
        _api.Enqueue(HttpStatusCode.OK, Answer);

        var response = await _api.RunAsync(_api.Client().Moderations.CreateAsync(new ModerationRequest(["I will kill it", "Hello"]) { Model = "omni-moderation-latest" }));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "moderations", sent.Uri.AbsoluteUri);
        Assert.Equal("""{"model":"omni-moderation-latest","input":["I will kill it","Hello"]}""", sent.BodyText);
        Assert.Equal("modr-1", response.Id);
        Assert.True(response.Flagged);
        Assert.Equal(2, response.Results.Count);
        var first = response.Results[0];
        Assert.True(first.Flagged);
        Assert.True(first.IsFlagged(ModerationCategory.Violence));
        Assert.False(first.IsFlagged(ModerationCategory.Hate));
        Assert.False(first.IsFlagged(ModerationCategory.Sexual)); // not reported
        Assert.Equal(0.97, first.GetScore(ModerationCategory.Violence));
        Assert.Null(first.GetScore(ModerationCategory.Sexual));
        Assert.Equal([ModerationCategory.Violence, new ModerationCategory("future/category")], first.FlaggedCategories);
        Assert.Equal(0.6, first.GetScore(new ModerationCategory("FUTURE/category")));
        Assert.Equal(["text"], first.CategoryAppliedInputTypes!["violence"]);
        Assert.Equal("x", first.AdditionalProperties!["explanation"].GetString());
        Assert.Equal(1, response.AdditionalProperties!["usage_hint"].GetInt32());
        Assert.False(response.Results[1].Flagged);
    }

    [Fact]
    public async Task CreateAsync_OneText_SentAsAStringWithoutAModel()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"m","results":[{"flagged":false}]}""");

        var response = await _api.RunAsync(_api.Client().Moderations.CreateAsync(new ModerationRequest("Hello")));

        Assert.Equal("""{"input":"Hello"}""", Assert.Single(_api.Requests).BodyText);
        Assert.Empty(response.Results[0].Categories);
        Assert.Empty(response.Results[0].FlaggedCategories);
    }

    [Fact]
    public async Task CreateAsync_RateLimited_TypedErrorAfterRetries()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.Enqueue(HttpStatusCode.TooManyRequests, Bodies.Nested("rate_limit_exceeded", "Slow down"), ("retry-after-ms", "10"));
        }

        var error = await _api.FailsAsync<RateLimitError>(_api.Client().Moderations.CreateAsync(new ModerationRequest("Hello")));

        Assert.Equal("Slow down", error.Message);
        Assert.Equal(3, _api.Requests.Count);
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "no input", "needs at least one text" },
        { "null input", "Input[1] is null" },
        { "blank model", "Model is blank" },
        { "typed extra", "'input', which a typed property sends" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task CreateAsync_InvalidRequest_RefusedBeforeSending(string name, string expected)
    {
        var request = name switch
        {
            "no input" => new ModerationRequest(),
            "null input" => new ModerationRequest { Input = ["a", null!] },
            "blank model" => new ModerationRequest("a") { Model = " " },
            _ => new ModerationRequest("a") { AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["input"] = default } },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _api.Client().Moderations.CreateAsync(request));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }
}
