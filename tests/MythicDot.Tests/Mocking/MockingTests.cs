using System.Net;
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
        completions.CreateAsync(Arg.Any<ChatCompletionRequest>(), Arg.Any<CancellationToken>()).Returns(new ChatCompletion
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
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Substitute_FakeTypedError_ReachesTheCodeUnderTest()
    {
        var client = Substitute.For<MythicDotClient>(new Uri("https://api.test/v1/"));
        var models = Substitute.For<ModelsClient>();
        client.Models.Returns(models);
        models.GetAsync("mythic-9", Arg.Any<CancellationToken>()).Returns<Model>(_ => throw new NotFoundError("No such model") { Code = ErrorCodes.ModelNotFound });

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

    [Fact]
    public void ResourceClients_EveryPublicOperationIsVirtual()
    {
        Type[] clients = [typeof(MythicDotClient), typeof(ChatClient), typeof(ChatCompletionsClient), typeof(ModelsClient), typeof(EmbeddingsClient), typeof(ImagesClient)];

        var nonVirtual = clients
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(m => !m.IsVirtual)
            .Select(m => m.DeclaringType!.Name + "." + m.Name);

        Assert.Empty(nonVirtual);
        Assert.All(clients, t => Assert.Contains(t.GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance), c => c.IsFamily));
    }

    private sealed class HandWrittenFake() : MythicDotClient(new Uri("https://api.test/v1/"));
}
