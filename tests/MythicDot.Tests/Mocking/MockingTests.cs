using System.Net;
using System.Reflection;
using System.Text.Json;
using NSubstitute;

namespace MythicDot.Tests.Mocking;

/// <summary>A user fakes the client in their own unit tests, as the Azure SDK guidelines ask: no key, no environment, no network.</summary>
public sealed class MockingTests
{
    /// <summary>The code under test: an application service that asks MythicDot a question.</summary>
    private sealed class Greeter(MythicDotClient client)
    {
        public async Task<string> GreetAsync(string name, CancellationToken cancellationToken)
        {
            var completion = await client.Chat.Completions.CreateAsync(
                new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Greet " + name)] },
                cancellationToken);
            return $"{completion.Choices[0].Message.Content} ({completion.Response?.RequestId})";
        }
    }

    [Fact]
    public async Task Substitute_FakeCompletion_ReachesTheCodeUnderTestWithItsResponseInfo()
    {
        var client = Substitute.For<MythicDotClient>(new Uri("https://api.test/v1/"));
        var chat = Substitute.For<ChatClient>();
        var completions = Substitute.For<ChatCompletionsClient>();
        client.Chat.Returns(chat);
        chat.Completions.Returns(completions);
        completions.CreateAsync(Arg.Any<ChatCompletionRequest>(), Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(new ChatCompletion
        {
            Id = "chatcmpl-fake",
            Model = "mythic-4",
            Choices = [new ChatChoice { Index = 0, Message = ChatMessage.Assistant("Hello, Ada!") }],
            Response = new ResponseInfo(HttpStatusCode.OK, new Dictionary<string, string> { ["x-request-id"] = "req_fake" }),
        });

        var greeting = await new Greeter(client).GreetAsync("Ada", TestContext.Current.CancellationToken);

        Assert.Equal("Hello, Ada! (req_fake)", greeting);
        await completions.Received(1).CreateAsync(
            Arg.Is<ChatCompletionRequest>(r => r.Model == "mythic-4" && r.Messages[0].Content == "Greet Ada"),
            null,
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Substitute_FakeTypedError_ReachesTheCodeUnderTest()
    {
        var client = Substitute.For<MythicDotClient>(new Uri("https://api.test/v1/"));
        var models = Substitute.For<ModelsClient>();
        client.Models.Returns(models);
        models.GetAsync("mythic-9", Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns<Model>(_ => throw new NotFoundError("No such model") { Code = ErrorCodes.ModelNotFound });

        var error = await Assert.ThrowsAsync<NotFoundError>(() => client.Models.GetAsync("mythic-9", TestContext.Current.CancellationToken));

        Assert.Equal(ErrorCodes.ModelNotFound, error.Code);
    }

    [Fact]
    public void MockingConstructor_HandWrittenFake_NeedsNoKeyAndKeepsTheBaseUrl()
    {
        var fake = new HandWrittenFake();

        Assert.Equal(new Uri("https://api.test/v1/"), fake.BaseUrl);
        Assert.Null(fake.Chat);
    }

    private static readonly Type[] Clients = [typeof(MythicDotClient), typeof(ChatClient), typeof(ChatCompletionsClient), typeof(ModelsClient), typeof(EmbeddingsClient), typeof(ImagesClient), typeof(MessagesClient)];

    [Fact]
    public void ResourceClients_EachOperationHasOneVirtualOverload_TheLongest_AndAMockingConstructor()
    {
        foreach (var operation in Clients.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).GroupBy(m => (m.DeclaringType, m.Name)))
        {
            var longest = operation.MaxBy(m => m.GetParameters().Length)!;
            Assert.True(longest.IsVirtual && !longest.IsFinal, $"{operation.Key.DeclaringType!.Name}.{operation.Key.Name}: the longest overload must be virtual");
            Assert.All(operation.Where(m => m != longest), m => Assert.False(m.IsVirtual, $"{m.DeclaringType!.Name}.{m} should forward to the virtual overload, not be one"));
        }

        Assert.All(Clients, t => Assert.Contains(t.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance), c => c.IsFamily));
    }

    [Fact]
    public async Task Substitute_FakeOfTheLongestOverload_ServesEveryShorterOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = Substitute.For<MythicDotClient>(new Uri("https://api.test/v1/"));
        var completions = Substitute.For<ChatCompletionsClient>();
        var models = Substitute.For<ModelsClient>();
        var embeddings = Substitute.For<EmbeddingsClient>();
        var images = Substitute.For<ImagesClient>();
        var chat = Substitute.For<ChatClient>();
        client.Chat.Returns(chat);
        chat.Completions.Returns(completions);
        var completion = new ChatCompletion { Id = "c" };
        var list = new ModelList([]);
        var model = new Model { Id = "mythic-4" };
        var vectors = new EmbeddingResponse { Model = "e" };
        var image = new ImageGenerationResponse();
        var raw = new ApiJsonResponse(default);
        completions.CreateAsync(Arg.Any<ChatCompletionRequest>(), Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(completion);
        models.ListAsync(Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(list);
        models.GetAsync(Arg.Any<string>(), Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(model);
        embeddings.CreateAsync(Arg.Any<EmbeddingRequest>(), Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(vectors);
        images.GenerateAsync(Arg.Any<ImageGenerationRequest>(), Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(image);
        client.SendRequestAsync(Arg.Any<HttpMethod>(), Arg.Any<string>(), Arg.Any<JsonElement?>(), Arg.Any<RequestOptions?>(), Arg.Any<CancellationToken>()).Returns(raw);

        Assert.Same(completion, await client.Chat.Completions.CreateAsync(new ChatCompletionRequest(), ct));
        Assert.Same(list, await models.ListAsync(ct));
        Assert.Same(model, await models.GetAsync("mythic-4", ct));
        Assert.Same(vectors, await embeddings.CreateAsync(new("mythic-embed-3", "text"), ct));
        Assert.Same(image, await images.GenerateAsync(new("stability/sdxl", "a cat"), ct));
        Assert.Same(raw, await client.SendRequestAsync(HttpMethod.Get, "models", ct));
        Assert.Same(raw, await client.SendRequestAsync(HttpMethod.Post, "moderations", default(JsonElement?), ct));
    }

    private sealed class HandWrittenFake() : MythicDotClient(new Uri("https://api.test/v1/"));
}
