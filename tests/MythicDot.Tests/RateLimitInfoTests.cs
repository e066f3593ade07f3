using System.Net;
using MythicDot.Resilience;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests;

public sealed class RateLimitInfoTests
{
    [Theory]
    [InlineData("1", 1000)]
    [InlineData("0.5", 500)]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("20ms", 20)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("1.5s", 1500)]
    [InlineData("250us", 0.25)]
    [InlineData(" 2s ", 2000)]
    public void DurationParser_Parse_ReadsSecondsAndGoDurations(string text, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DurationParser.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("1.2.3s")]
    [InlineData("s")]
    [InlineData("NaN")]
    [InlineData("99999999999999999999999h")]
    public void DurationParser_Parse_MalformedIsNull(string? text)
    {
        Assert.Null(DurationParser.Parse(text));
    }

    [Fact]
    public async Task ResponseRateLimits_FromHeaders_AreParsed()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("https://api.test/v1/models/mythic-4").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"id":"mythic-4","object":"model","created":1704067200,"owned_by":"mythicdot"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("x-ratelimit-limit-requests", "60");
            response.Headers.Add("x-ratelimit-limit-tokens", "150000");
            response.Headers.Add("x-ratelimit-remaining-requests", "59");
            response.Headers.Add("x-ratelimit-remaining-tokens", "149984");
            response.Headers.Add("x-ratelimit-reset-requests", "1s");
            response.Headers.Add("x-ratelimit-reset-tokens", "6m0s");
            return response;
        });
        var client = new MythicDotClient(mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-x", BaseUrl = new Uri("https://api.test/v1/") });

        var model = await client.Models.GetAsync("mythic-4", TestContext.Current.CancellationToken);
        var limits = model.Response!.RateLimits;

        Assert.Equal(60, limits.LimitRequests);
        Assert.Equal(150000, limits.LimitTokens);
        Assert.Equal(59, limits.RemainingRequests);
        Assert.Equal(149984, limits.RemainingTokens);
        Assert.Equal(TimeSpan.FromSeconds(1), limits.ResetRequests);
        Assert.Equal(TimeSpan.FromMinutes(6), limits.ResetTokens);
    }

    [Fact]
    public void RateLimits_MissingOrGarbageHeaders_AreNull()
    {
        var info = new ResponseInfo(HttpStatusCode.OK, new Dictionary<string, string> { ["x-ratelimit-remaining-requests"] = "lots" });

        Assert.Null(info.RateLimits.RemainingRequests);
        Assert.Null(info.RateLimits.ResetTokens);
    }
}
