using System.Net;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Models;

/// <summary>GET /models and GET /models/{id}.</summary>
public sealed class ModelsClientTests : IDisposable
{
    private const string ModelListBody = """
        {"object":"list","data":[
          {"id":"mythic-4","object":"model","created":1704067200,"owned_by":"mythicdot","context_window":128000,"max_output_tokens":16384},
          {"id":"mythic-embed-3","object":"model","created":1704067300,"owned_by":"mythicdot","modalities":["text"]}]}
        """;

    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task ListAsync_Called_GetsModelsPath()
    {
        _api.Enqueue(HttpStatusCode.OK, ModelListBody);
        var client = _api.Client();

        await _api.RunAsync(client.Models.ListAsync());

        var request = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.mythicdot.test/v1/models", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task ListAsync_ListBody_ModelsParsed()
    {
        _api.Enqueue(HttpStatusCode.OK, ModelListBody, ("x-request-id", "req_models"));
        var client = _api.Client();

        var models = await _api.RunAsync(client.Models.ListAsync());

        Assert.Equal(2, models.Count);
        Assert.Equal("mythic-4", models[0].Id);
        Assert.Equal("model", models[0].ObjectType);
        Assert.Equal("mythicdot", models[0].OwnedBy);
        Assert.Equal(128000, models[0].ContextWindow);
        Assert.Equal(16384, models[0].MaxOutputTokens);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704067200), models[0].Created);
        Assert.Null(models[1].ContextWindow);
        Assert.Equal("text", models[1].AdditionalProperties!["modalities"][0].GetString());
        Assert.Equal("req_models", models.Response!.RequestId);
        Assert.Equal(HttpStatusCode.OK, models.Response.StatusCode);
    }

    [Fact]
    public async Task GetAsync_Id_GetsModelPath()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"mythic-4","object":"model","created":1704067200,"owned_by":"mythicdot","context_window":128000,"max_output_tokens":16384}""");
        var client = _api.Client();

        var model = await _api.RunAsync(client.Models.GetAsync("mythic-4"));

        var request = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.mythicdot.test/v1/models/mythic-4", request.Uri.AbsoluteUri);
        Assert.Equal("mythic-4", model.Id);
        Assert.Equal(128000, model.ContextWindow);
        Assert.Equal(16384, model.MaxOutputTokens);
        Assert.Equal(1, model.Response!.Attempts);
    }

    [Theory]
    [InlineData("mythic-3.5-turbo", "/v1/models/mythic-3.5-turbo")]
    [InlineData("ft:mythic-4/team a", "/v1/models/ft%3Amythic-4%2Fteam%20a")]
    [InlineData("a?b#c", "/v1/models/a%3Fb%23c")]
    [InlineData("../admin", "/v1/models/..%2Fadmin")]
    public async Task GetAsync_IdWithReservedCharacters_EscapedIntoOneSegment(string id, string path)
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"x","object":"model","created":1}""");
        var client = _api.Client();

        await _api.RunAsync(client.Models.GetAsync(id));

        var request = Assert.Single(_api.Requests);
        Assert.Equal(path, request.Uri.PathAndQuery);
        Assert.Empty(request.Uri.Fragment);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task GetAsync_EmptyOrDotSegmentId_ThrowsArgumentExceptionWithoutSending(string id)
    {
        var client = _api.Client();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Models.GetAsync(id));

        Assert.Equal("id", error.ParamName);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task GetAsync_UnknownModel_ThrowsNotFoundErrorWithCode()
    {
        _api.Enqueue(HttpStatusCode.NotFound, Bodies.Flat(ErrorCodes.ModelNotFound, "Model mythic-9 not found", param: "model", requestId: "req_nf"));
        var client = _api.Client();

        var error = await _api.FailsAsync<NotFoundError>(client.Models.GetAsync("mythic-9"));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
        Assert.Equal("req_nf", error.RequestId);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("https://api.mythicdot.test/v1/models/mythic-9", Assert.Single(_api.Requests).Uri.AbsoluteUri);
    }
}
