using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using MythicDot.Testing;
using AI = Microsoft.Extensions.AI;

namespace MythicDot.IntegrationTests;

/// <summary>The Microsoft.Extensions.AI adapters against the emulator over real sockets.</summary>
public sealed class ExtensionsAITests
{
    [Fact]
    public async Task AsIChatClient_GetResponseAsync_ReturnsTextUsageAndSendsTheMappedRequest()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var chat = emulator.CreateClient().AsIChatClient("mythic-4");

        var response = await chat.GetResponseAsync("Hello there", new ChatOptions { MaxOutputTokens = 50 }, TestContext.Current.CancellationToken);

        Assert.Equal("Echo: Hello there", response.Text);
        Assert.Equal(AI.ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage?.InputTokenCount > 0);
        var body = Assert.Single(emulator.Requests).Body;
        Assert.Contains("\"max_tokens\":50", body, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"mythic-4\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsIChatClient_GetStreamingResponseAsync_UpdatesAddUpToTheAnswer()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var chat = emulator.CreateClient().AsIChatClient("mythic-4");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Stream this please", cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 2);
        Assert.Equal("Echo: Stream this please", string.Concat(updates.Select(u => u.Text)));
        Assert.Contains(updates, u => u.FinishReason == AI.ChatFinishReason.Stop);
    }

    [Fact]
    public async Task AsIChatClient_ToolRoundTrip_FunctionCallThenFinalText()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var chat = emulator.CreateClient().AsIChatClient("mythic-4");
        var tool = AIFunctionFactory.Create((string location) => location + ": 18 C", "get_weather", "Weather for a city");
        var options = new ChatOptions { Tools = [tool] };
        List<AI.ChatMessage> history = [new(AI.ChatRole.User, "Weather in Paris? Use get_weather.")];

        var first = await chat.GetResponseAsync(history, options, TestContext.Current.CancellationToken);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        history.AddRange(first.Messages);
        history.Add(new AI.ChatMessage(AI.ChatRole.Tool, [new FunctionResultContent(call.CallId, await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), TestContext.Current.CancellationToken))]));
        var final = await chat.GetResponseAsync(history, options, TestContext.Current.CancellationToken);

        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments!["location"]?.ToString());
        Assert.Equal(AI.ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Contains("Paris: 18 C", final.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsIChatClient_UnknownModel_TypedNotFoundErrorReachesTheCaller()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var chat = emulator.CreateClient().AsIChatClient("mythic-99");

        var error = await Assert.ThrowsAsync<NotFoundError>(() => chat.GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
    }

    [Fact]
    public async Task AsIEmbeddingGenerator_GenerateAsync_SameTextSameVectorInOrder()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var generator = emulator.CreateClient().AsIEmbeddingGenerator("mythic-embed-3");

        var embeddings = await generator.GenerateAsync(["alpha", "beta", "alpha"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(1536, embeddings[0].Vector.Length);
        Assert.True(embeddings[0].Vector.Span.SequenceEqual(embeddings[2].Vector.Span));
        Assert.False(embeddings[0].Vector.Span.SequenceEqual(embeddings[1].Vector.Span));
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task AddChatClient_FromDependencyInjection_ComposedWithFunctionInvocation_CallsTheToolThenAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: ct);
        var services = new ServiceCollection();
        services.AddMythicDotClient(o =>
        {
            o.ApiKey = emulator.ApiKey;
            o.BaseUrl = emulator.BaseUrl;
        });
        services.AddMythicDotClient("backup", o =>
        {
            o.ApiKey = emulator.ApiKey;
            o.BaseUrl = emulator.BaseUrl;
        });

        // One line each, as README shows: Microsoft.Extensions.AI's own builder, keyed like the clients, transient like them.
        services.AddChatClient(sp => sp.GetRequiredService<MythicDotClient>().AsIChatClient("mythic-4"), ServiceLifetime.Transient).UseFunctionInvocation();
        services.AddKeyedChatClient("backup", sp => sp.GetRequiredKeyedService<MythicDotClient>("backup").AsIChatClient("mythic-4-mini"), ServiceLifetime.Transient);
        services.AddEmbeddingGenerator(sp => sp.GetRequiredService<MythicDotClient>().AsIEmbeddingGenerator("mythic-embed-3"), ServiceLifetime.Transient);
        await using var provider = services.BuildServiceProvider();
        var calls = 0;
        var tool = AIFunctionFactory.Create(
            (string location) =>
            {
                calls++;
                return location + ": 18 C";
            },
            "get_weather",
            "Weather for a city");

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Weather in Paris? Use get_weather.", new ChatOptions { Tools = [tool] }, ct);
        var backup = provider.GetRequiredKeyedService<IChatClient>("backup");
        var vectors = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["lighthouse"], cancellationToken: ct);

        Assert.Equal(1, calls);
        Assert.Contains("Paris: 18 C", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count(r => r.Path == "/v1/chat/completions"));
        Assert.Equal("mythic-4-mini", backup.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal(1536, Assert.Single(vectors).Vector.Length);
    }

    [Fact]
    public async Task AsIChatClient_CancelledWhileTheServerStalls_ThrowsOperationCanceledWithTheCallersToken()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        emulator.EnqueueFault(EmulatorFault.Stall(TimeSpan.FromSeconds(30)));
        var chat = emulator.CreateClient().AsIChatClient("mythic-4");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chat.GetResponseAsync("Hello", cancellationToken: cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task FunctionInvokingChatClient_Streaming_CallsTheToolAndStreamsTheFinalAnswer()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var chat = new ChatClientBuilder(emulator.CreateClient().AsIChatClient("mythic-4")).UseFunctionInvocation().Build();
        var tool = AIFunctionFactory.Create((string location) => location + ": 18 C", "get_weather", "Weather for a city");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Weather in Paris? Use get_weather.", new ChatOptions { Tools = [tool] }, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent { Name: "get_weather" });
        Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is FunctionResultContent);
        Assert.Contains("Paris: 18 C", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count(r => r.Path == "/v1/chat/completions"));
    }
}
