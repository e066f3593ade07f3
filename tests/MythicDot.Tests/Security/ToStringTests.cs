using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Security;

/// <summary>
/// What a debugger, a log line or an exception message would print of the client and its parts holds no key.
/// (Options/OptionsValidationTests covers <see cref="MythicDotClientOptions.ToString"/> of options with a key set.)
/// </summary>
public sealed class ToStringTests : IDisposable
{
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public void ToString_ClientAndEveryResourceClient_NoKey()
    {
        var client = _api.Client();

        object[] parts = [client, client.Chat, client.Chat.Completions, client.Embeddings, client.Models, client.Images];

        Assert.All(parts, part => KeyAssert.NotIn(ApiHarness.ApiKey, part.ToString(), part.GetType().Name + ".ToString()"));
    }

    [Fact]
    public void ToString_OptionsAfterTheClientCopiedThem_NoKey()
    {
        var options = _api.Options();
        _ = new MythicDotClient(_api.HttpClient, options);

        KeyAssert.NotIn(ApiHarness.ApiKey, options.ToString(), "MythicDotClientOptions.ToString()");
    }
}
