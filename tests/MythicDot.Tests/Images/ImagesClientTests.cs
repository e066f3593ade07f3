using System.Net;
using System.Text;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Images;

public sealed class ImagesClientTests : IDisposable
{
    private const string Endpoint = "https://api.test/v1/images/generations";
    private const string OneImage = """{"created":1704067200,"data":[{"url":"https://cdn.mythicdot.ai/img/1.png"}]}""";

    private readonly MockHttpMessageHandler _mock = new();
    private readonly MythicDotClient _client;
    private readonly List<string> _sentBodies = [];

    public ImagesClientTests()
    {
        _client = new MythicDotClient(_mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-test", BaseUrl = new Uri("https://api.test/v1/") });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _mock.Dispose();

    [Fact]
    public async Task GenerateAsync_ModelAndPrompt_SendsOnlyThose()
    {
        var call = Answer(OneImage);

        await _client.Images.GenerateAsync(new("stability/sdxl", "a lighthouse at dusk"), Ct);

        Assert.Equal(1, _mock.GetMatchCount(call));
        Assert.Equal("""{"model":"stability/sdxl","prompt":"a lighthouse at dusk"}""", Assert.Single(_sentBodies));
    }

    [Fact]
    public async Task GenerateAsync_EveryField_SendsSnakeCaseInOrder()
    {
        Answer(OneImage);
        var request = new ImageGenerationRequest
        {
            Model = "stability/sdxl:1.0",
            Prompt = "a cat",
            Size = "1024x768",
            Provider = "replicate",
            Routing = ImageRouting.Cheapest,
            Public = false,
            AdditionalProperties = new Dictionary<string, JsonElement> { ["seed"] = JsonElement.Parse("42") },
        };

        await _client.Images.GenerateAsync(request, Ct);

        Assert.Equal(
            """{"model":"stability/sdxl:1.0","prompt":"a cat","size":"1024x768","provider":"replicate","routing":"cheapest","public":false,"seed":42}""",
            Assert.Single(_sentBodies));
    }

    [Fact]
    public async Task GenerateAsync_UnknownRouting_SendsItAsGiven()
    {
        Answer(OneImage);

        await _client.Images.GenerateAsync(new ImageGenerationRequest { Model = "stability/sdxl", Prompt = "p", Routing = new ImageRouting("fastest") }, Ct);

        Assert.Equal("""{"model":"stability/sdxl","prompt":"p","routing":"fastest"}""", Assert.Single(_sentBodies));
    }

    [Fact]
    public async Task GenerateAsync_Response_ParsesCreatedAndUrls()
    {
        Answer(OneImage);

        var response = await _client.Images.GenerateAsync(new("stability/sdxl", "a cat"), Ct);

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), response.Created);
        Assert.Equal([new Uri("https://cdn.mythicdot.ai/img/1.png")], response.Urls);
        Assert.Equal(HttpStatusCode.OK, response.Response!.StatusCode);
    }

    [Fact]
    public async Task GenerateAsync_ResponseWithSuccessTrueAndUnknownFields_KeepsThemAndParsesData()
    {
        Answer("""
            {"success":true,"created":1704067200,"provider":"replicate",
             "data":[{"url":"https://cdn.mythicdot.ai/1.png","revised_prompt":"a tabby cat","width":1024},
                     {"b64_json":"iVBORw0KGgo="},
                     {"url":"https://cdn.mythicdot.ai/3.png"}]}
            """);

        var response = await _client.Images.GenerateAsync(new("stability/sdxl", "a cat"), Ct);

        Assert.Equal(3, response.Data.Count);
        Assert.Equal([new Uri("https://cdn.mythicdot.ai/1.png"), new Uri("https://cdn.mythicdot.ai/3.png")], response.Urls);
        Assert.Equal("a tabby cat", response.Data[0].RevisedPrompt);
        Assert.Equal(1024, response.Data[0].AdditionalProperties!["width"].GetInt32());
        Assert.Null(response.Data[1].Url);
        Assert.Equal("iVBORw0KGgo=", response.Data[1].B64Json);
        Assert.True(response.AdditionalProperties!["success"].GetBoolean());
        Assert.Equal("replicate", response.AdditionalProperties["provider"].GetString());
    }

    [Fact]
    public async Task GenerateAsync_SuccessFalseWithStatus200_ThrowsTypedError()
    {
        Answer("""{"success":false,"message":"Every provider failed","code":"provider.exhausted"}""");

        var error = await Assert.ThrowsAsync<InternalServerError>(
            () => _client.Images.GenerateAsync(new("stability/sdxl", "a cat"), new RequestOptions { MaxRetries = 0 }, Ct));

        Assert.Equal(ErrorCodes.ProviderExhausted, error.Code);
    }

    [Fact]
    public async Task GenerateAsync_UnknownProvider_ThrowsNotFoundError()
    {
        var call = _mock.When(HttpMethod.Post, Endpoint).Respond(
            HttpStatusCode.NotFound, "application/json", """{"success":false,"message":"Provider not found","code":"provider.notfound","param":"provider"}""");

        var error = await Assert.ThrowsAsync<NotFoundError>(
            () => _client.Images.GenerateAsync(new ImageGenerationRequest { Model = "stability/sdxl", Prompt = "a cat", Provider = "nobody" }, Ct));

        Assert.Equal(ErrorCodes.ProviderNotFound, error.Code);
        Assert.Equal("provider", error.Param);
        Assert.Equal(1, _mock.GetMatchCount(call));
    }

    [Fact]
    public async Task GenerateAsync_BlockedPrompt_ThrowsContentFilteredError()
    {
        _mock.When(HttpMethod.Post, Endpoint).Respond(
            HttpStatusCode.BadRequest, "application/json", """{"success":false,"message":"Blocked by content policy","code":"content_filtered"}""");

        await Assert.ThrowsAsync<ContentFilteredError>(() => _client.Images.GenerateAsync(new("stability/sdxl", "something"), Ct));
    }

    [Fact]
    public async Task GenerateAsync_PromptOverLimit_ThrowsArgumentExceptionNamingPromptAndLengthAndSendsNothing()
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _client.Images.GenerateAsync(new ImageGenerationRequest { Model = "stability/sdxl", Prompt = new string('a', 1001) }, Ct));

        Assert.Equal("request", error.ParamName);
        Assert.Contains("Prompt", error.Message, StringComparison.Ordinal);
        Assert.Contains("1001", error.Message, StringComparison.Ordinal);
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task GenerateAsync_PromptOverLimitViaConvenienceOverload_NamesPromptParameter()
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Images.GenerateAsync(new("stability/sdxl", new string('a', 1001)), Ct));

        Assert.Equal("prompt", error.ParamName);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task GenerateAsync_PromptAtLimit_Sends()
    {
        var call = Answer(OneImage);

        await _client.Images.GenerateAsync(new("stability/sdxl", new string('a', ImageGenerationRequest.MaxPromptLength)), Ct);

        Assert.Equal(1, _mock.GetMatchCount(call));
    }

    [Fact]
    public async Task GenerateAsync_PromptOf1000EmojiCodePoints_CountsCodePointsAndSends()
    {
        var call = Answer(OneImage);
        var prompt = string.Concat(Enumerable.Repeat("\U0001F431", 1000)); // 2,000 UTF-16 units

        await _client.Images.GenerateAsync(new("stability/sdxl", prompt), Ct);

        Assert.Equal(1, _mock.GetMatchCount(call));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task GenerateAsync_EmptyPrompt_ThrowsArgumentExceptionAndSendsNothing(string prompt)
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Images.GenerateAsync(new("stability/sdxl", prompt), Ct));

        Assert.Contains("Prompt is required", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Theory]
    [InlineData("sdxl")]
    [InlineData("/sdxl")]
    [InlineData("stability/")]
    [InlineData("stability/sdxl:")]
    [InlineData("stability/:1.0")]
    [InlineData("stability/sdxl/extra")]
    [InlineData("stability/sdxl:1:2")]
    [InlineData("stability/sd xl")]
    public async Task GenerateAsync_ModelNotBaseSlugVersion_ThrowsArgumentExceptionAndSendsNothing(string model)
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Images.GenerateAsync(new(model, "a cat"), Ct));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("base/slug[:version]", error.Message, StringComparison.Ordinal);
        Assert.Contains(model, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Theory]
    [InlineData("stability/sdxl")]
    [InlineData("stability/sdxl:1.0")]
    [InlineData("black-forest-labs/flux.1-schnell:2024-08")]
    public async Task GenerateAsync_ModelInBaseSlugVersionForm_Sends(string model)
    {
        var call = Answer(OneImage);

        await _client.Images.GenerateAsync(new(model, "a cat"), Ct);

        Assert.Equal(1, _mock.GetMatchCount(call));
    }

    [Theory]
    [InlineData("1024")]
    [InlineData("1024x")]
    [InlineData("x1024")]
    [InlineData("0x1024")]
    [InlineData("1024X1024")]
    [InlineData("1024 x 1024")]
    [InlineData("-1x5")]
    [InlineData("large")]
    public async Task GenerateAsync_SizeNotWidthByHeight_ThrowsArgumentExceptionAndSendsNothing(string size)
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _client.Images.GenerateAsync(new ImageGenerationRequest { Model = "stability/sdxl", Prompt = "a cat", Size = size }, Ct));

        Assert.Contains("Size", error.Message, StringComparison.Ordinal);
        Assert.Contains("1024x1024", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task GenerateAsync_DefaultRouting_ThrowsArgumentExceptionAndSendsNothing()
    {
        var any = AnyRequest();

        await Assert.ThrowsAsync<ArgumentException>(
            () => _client.Images.GenerateAsync(new ImageGenerationRequest { Model = "stability/sdxl", Prompt = "a cat", Routing = default(ImageRouting) }, Ct));

        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task GenerateAsync_AdditionalPropertyNamedLikeTypedField_ThrowsArgumentExceptionAndSendsNothing()
    {
        var any = AnyRequest();
        var request = new ImageGenerationRequest
        {
            Model = "stability/sdxl",
            Prompt = "a cat",
            AdditionalProperties = new Dictionary<string, JsonElement> { ["public"] = JsonElement.Parse("false") },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Images.GenerateAsync(request, Ct));

        Assert.Contains("'public'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public void ImageRouting_SameValueDifferentCase_AreEqual()
    {
        Assert.Equal(ImageRouting.Optimal, new ImageRouting("OPTIMAL"));
        Assert.NotEqual(ImageRouting.Optimal, ImageRouting.Cheapest);
        Assert.Equal("compatible", ImageRouting.Compatible.ToString());
    }

    private MockedRequest Answer(string json) =>
        _mock.When(HttpMethod.Post, Endpoint)
            .WithHeaders("Authorization", "Bearer sk-test")
            .Respond(async request =>
            {
                Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
                _sentBodies.Add(await request.Content.ReadAsStringAsync());
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            });

    private MockedRequest AnyRequest() => _mock.When("*").Respond(HttpStatusCode.OK, "application/json", OneImage);
}
