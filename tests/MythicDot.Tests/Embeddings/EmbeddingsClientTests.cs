using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MythicDot.Serialization;
using RichardSzalay.MockHttp;

namespace MythicDot.Tests.Embeddings;

public sealed class EmbeddingsClientTests : IDisposable
{
    private const string Endpoint = "https://api.test/v1/embeddings";

    private readonly MockHttpMessageHandler _mock = new();
    private readonly MythicDotClient _client;
    private readonly List<string> _sentBodies = [];

    public EmbeddingsClientTests()
    {
        _client = new MythicDotClient(_mock.ToHttpClient(), new MythicDotClientOptions { ApiKey = "sk-test", BaseUrl = new Uri("https://api.test/v1/") });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _mock.Dispose();

    [Fact]
    public async Task CreateAsync_SingleInput_SendsInputAsJsonString()
    {
        var call = Answer(ListJson("[0.5]"));

        await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct);

        Assert.Equal(1, _mock.GetMatchCount(call));
        Assert.Equal("""{"model":"mythic-embed-3","input":"hello","encoding_format":"base64"}""", Assert.Single(_sentBodies));
    }

    [Fact]
    public async Task CreateAsync_FloatsOrAnUnknownFormat_SentAsAsked()
    {
        Answer(ListJson("[0.5]"));
        Answer(ListJson("[0.5]"));

        await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello") { EncodingFormat = EmbeddingEncodingFormat.Floats }, Ct);
        await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello") { EncodingFormat = new EmbeddingEncodingFormat("binary") }, Ct);

        Assert.Equal("""{"model":"mythic-embed-3","input":"hello","encoding_format":"float"}""", _sentBodies[0]);
        Assert.Equal("""{"model":"mythic-embed-3","input":"hello","encoding_format":"binary"}""", _sentBodies[1]);
    }

    [Fact]
    public async Task CreateAsync_EmptyEncodingFormat_ThrowsBeforeSending()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello") { EncodingFormat = default }, Ct));

        Assert.Contains("EncodingFormat", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sentBodies);
    }

    [Fact]
    public void EncodingFormat_OpenEnum_ComparesCaseInsensitively()
    {
        Assert.Equal(EmbeddingEncodingFormat.Base64, new EmbeddingEncodingFormat("BASE64"));
        Assert.Equal(EmbeddingEncodingFormat.Base64, new EmbeddingRequest().EncodingFormat);
        Assert.Equal("float", EmbeddingEncodingFormat.Floats.ToString());
    }

    [Fact]
    public async Task CreateAsync_SeveralInputs_SendsInputAsArray()
    {
        Answer(ListJson("[0.5]", "[0.25]"));

        await _client.Embeddings.CreateAsync(new("mythic-embed-3", ["first", "second"]), Ct);

        Assert.Equal("""{"model":"mythic-embed-3","input":["first","second"],"encoding_format":"base64"}""", Assert.Single(_sentBodies));
    }

    [Fact]
    public async Task CreateAsync_RequestWithAdditionalProperties_SendsThemAfterTypedFieldsAndOmitsNulls()
    {
        Answer(ListJson("[0.5]"));
        var request = new EmbeddingRequest
        {
            Model = "mythic-embed-3",
            Input = ["a", "b", "c"],
            AdditionalProperties = new Dictionary<string, JsonElement> { ["dimensions"] = JsonElement.Parse("256") },
        };

        await _client.Embeddings.CreateAsync(request, Ct);

        Assert.Equal("""{"model":"mythic-embed-3","input":["a","b","c"],"encoding_format":"base64","dimensions":256}""", Assert.Single(_sentBodies));
    }

    [Fact]
    public async Task CreateAsync_MaxInputs_SendsAll()
    {
        Answer(ListJson("[0.5]"));
        var inputs = Enumerable.Range(0, EmbeddingRequest.MaxInputs).Select(i => "t" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        await _client.Embeddings.CreateAsync(new("mythic-embed-3", inputs), Ct);

        using var sent = JsonDocument.Parse(Assert.Single(_sentBodies));
        Assert.Equal(2048, sent.RootElement.GetProperty("input").GetArrayLength());
    }

    [Fact]
    public async Task CreateAsync_1536DimensionVectors_ParsesEveryValueAsFloat()
    {
        var texts = Enumerable.Range(0, 1536).Select(i => (MathF.Sin(i) * 0.05f).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        texts[0] = "0.0123456789012345678";
        texts[1] = "-1.5e-3";
        texts[2] = "1";
        texts[3] = "-0";
        Answer(ListJson("[" + string.Join(',', texts) + "]", "[1,2,3]"));

        var response = await _client.Embeddings.CreateAsync(new("mythic-embed-3", ["long", "short"]), Ct);

        Assert.Equal(2, response.Data.Count);
        var vector = response.Data[0].Vector.Span;
        Assert.Equal(1536, vector.Length);
        for (var i = 0; i < vector.Length; i++)
        {
            Assert.Equal(float.Parse(texts[i], CultureInfo.InvariantCulture), vector[i]);
        }

        Assert.Equal([1f, 2f, 3f], response.Data[1].Vector.ToArray());
        Assert.Equal(1, response.Data[1].Index);
    }

    [Fact]
    public async Task CreateAsync_VectorLongerThanPreviousOnes_GrowsAndKeepsEveryValue()
    {
        var values = Enumerable.Range(0, 5000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        Answer(ListJson("[" + string.Join(',', values) + "]"));

        var response = await _client.Embeddings.CreateAsync(new("mythic-embed-3", "x"), Ct);

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (float)i).ToArray(), response.Data[0].Vector.ToArray());
    }

    [Fact]
    public async Task CreateAsync_Response_ParsesModelUsageAndMetadata()
    {
        Answer(ListJson("[0.5]"));

        var response = await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct);

        Assert.Equal("list", response.ObjectType);
        Assert.Equal("mythic-embed-3", response.Model);
        Assert.Equal("embedding", response.Data[0].ObjectType);
        Assert.Equal(0, response.Data[0].Index);
        Assert.Equal(8, response.Usage!.PromptTokens);
        Assert.Equal(8, response.Usage.TotalTokens);
        Assert.Equal(HttpStatusCode.OK, response.Response!.StatusCode);
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task CreateAsync_ResponseWithUnknownFields_KeepsThemInAdditionalProperties()
    {
        Answer("""
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5],"norm":1.0}],
             "model":"mythic-embed-3","usage":{"prompt_tokens":1,"total_tokens":1,"cached_tokens":0},
             "system_fingerprint":"fp_1","success":true}
            """);

        var response = await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct);

        Assert.Equal("fp_1", response.AdditionalProperties!["system_fingerprint"].GetString());
        Assert.True(response.AdditionalProperties["success"].GetBoolean());
        Assert.Equal(1.0, response.Data[0].AdditionalProperties!["norm"].GetDouble());
        Assert.Equal([0.5f], response.Data[0].Vector.ToArray());
    }

    [Fact]
    public async Task CreateAsync_Base64Vector_DecodesLittleEndianFloat32()
    {
        var expected = Enumerable.Range(0, 1536).Select(i => MathF.Cos(i) / 3f).ToArray();
        Answer(ListJson(Base64Json(expected)));

        var response = await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct);

        Assert.Equal(expected, response.Data[0].Vector.ToArray());
    }

    [Fact]
    public async Task CreateAsync_Base64VectorWithEscapedCharacters_DecodesIt()
    {
        var expected = Enumerable.Range(0, 256).Select(i => MathF.Sin(i)).ToArray();
        var base64 = Convert.ToBase64String(LittleEndianBytes(expected));
        Assert.True(base64.Contains('+', StringComparison.Ordinal) && base64.Contains('/', StringComparison.Ordinal), "the sample must exercise both escapes");
        var escaped = base64.Replace("+", "\\u002B", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal);
        Answer(ListJson("\"" + escaped + "\""));

        var response = await _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct);

        Assert.Equal(expected, response.Data[0].Vector.ToArray());
    }

    [Theory]
    [InlineData("\"AAAA\"")]           // 3 bytes: not a whole float32
    [InlineData("\"not base64!!\"")]
    [InlineData("[0.5,\"x\"]")]
    [InlineData("[0.5,null]")]
    [InlineData("[1e39]")]             // overflows float32
    [InlineData("{}")]
    public async Task CreateAsync_UnreadableVector_ThrowsApiErrorWithoutRetry(string embedding)
    {
        var call = Answer(ListJson(embedding));

        var error = await Assert.ThrowsAsync<ApiError>(() => _client.Embeddings.CreateAsync(new("mythic-embed-3", "hello"), Ct));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _mock.GetMatchCount(call));
    }

    [Fact]
    public async Task CreateAsync_UnknownModel_ThrowsNotFoundError()
    {
        var call = _mock.When(HttpMethod.Post, Endpoint).Respond(
            HttpStatusCode.NotFound,
            "application/json",
            """{"success":false,"message":"Model not found","code":"model.notfound","param":"model","request_id":"req_1"}""");

        var error = await Assert.ThrowsAsync<NotFoundError>(() => _client.Embeddings.CreateAsync(new("mythic-nope", "hello"), Ct));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
        Assert.Equal("req_1", error.RequestId);
        Assert.Equal(1, _mock.GetMatchCount(call));
    }

    [Fact]
    public async Task CreateAsync_EmptyModel_ThrowsArgumentExceptionAndSendsNothing()
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Embeddings.CreateAsync(new EmbeddingRequest { Input = ["x"] }, Ct));

        Assert.Equal("request", error.ParamName);
        Assert.Contains("Model", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task CreateAsync_NoInputs_ThrowsArgumentExceptionAndSendsNothing()
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Embeddings.CreateAsync(new("mythic-embed-3", Array.Empty<string>()), Ct));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("at least one", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task CreateAsync_TooManyInputs_ThrowsArgumentExceptionNamingCountAndSendsNothing()
    {
        var any = AnyRequest();
        var inputs = Enumerable.Repeat("x", EmbeddingRequest.MaxInputs + 1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Embeddings.CreateAsync(new("mythic-embed-3", inputs), Ct));

        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
        Assert.Contains("2049", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task CreateAsync_NullInput_ThrowsArgumentExceptionNamingIndexAndSendsNothing()
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _client.Embeddings.CreateAsync(new EmbeddingRequest { Model = "mythic-embed-3", Input = ["a", null!] }, Ct));

        Assert.Contains("Input[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task CreateAsync_AdditionalPropertyNamedLikeTypedField_ThrowsArgumentExceptionAndSendsNothing()
    {
        var any = AnyRequest();
        var request = new EmbeddingRequest
        {
            Model = "mythic-embed-3",
            Input = ["a"],
            AdditionalProperties = new Dictionary<string, JsonElement> { ["input"] = JsonElement.Parse("\"b\"") },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.Embeddings.CreateAsync(request, Ct));

        Assert.Contains("'input'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task CreateAsync_NullSingleInput_ThrowsArgumentNullExceptionAndSendsNothing()
    {
        var any = AnyRequest();

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _client.Embeddings.CreateAsync(new("mythic-embed-3", (string)null!), Ct));

        Assert.Equal("input", error.ParamName);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public void Serialize_EmbeddingResponse_WritesVectorAsNumberArray()
    {
        var response = new EmbeddingResponse
        {
            Model = "mythic-embed-3",
            Data = [new Embedding { Index = 0, Vector = new[] { 0.5f, -1f, 0.1f } }],
        };

        var json = JsonSerializer.Serialize(response, EmbeddingsJsonContext.Default.EmbeddingResponse);

        Assert.Equal("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-1,0.1]}],"model":"mythic-embed-3"}""", json);
    }

    private static string ListJson(params string[] embeddings)
    {
        var data = new StringBuilder();
        for (var i = 0; i < embeddings.Length; i++)
        {
            data.Append(i == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $$"""{"object":"embedding","index":{{i}},"embedding":""")
                .Append(embeddings[i])
                .Append('}');
        }

        return """{"object":"list","data":[""" + data + """],"model":"mythic-embed-3","usage":{"prompt_tokens":8,"total_tokens":8}}""";
    }

    private static string Base64Json(float[] values) => "\"" + Convert.ToBase64String(LittleEndianBytes(values)) + "\"";

    private static byte[] LittleEndianBytes(float[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4);
            }
        }

        return bytes;
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

    private MockedRequest AnyRequest() => _mock.When("*").Respond(HttpStatusCode.OK, "application/json", ListJson("[0.5]"));
}
