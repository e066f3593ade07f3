using System.Text.Json;

namespace MythicDot.IntegrationTests.Infrastructure;

/// <summary>Requests the tests send, so that every test reads the same expected bytes.</summary>
internal static class TestRequests
{
    /// <summary>The exact JSON the SDK sends for <see cref="Hello"/>.</summary>
    public const string HelloJson =
        """{"model":"mythic-4","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Hello!"}]}""";

    public static ChatCompletionRequest Hello(string model = "mythic-4") => new()
    {
        Model = model,
        Messages = [ChatMessage.System("You are terse."), ChatMessage.User("Hello!")],
    };

    /// <summary>Sets <c>"stream_options":{"include_usage":true}</c>, so that a stream ends with its usage.</summary>
    public static ChatCompletionRequest WithStreamUsage(ChatCompletionRequest request)
    {
        request.StreamOptions = new ChatStreamOptions { IncludeUsage = true };
        return request;
    }
}
