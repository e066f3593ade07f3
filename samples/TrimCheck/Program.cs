// Trim check: the SDK's calls, serialization, streaming, typed errors and the Microsoft.Extensions.AI adapter, run in a
// trimmed, self-contained build against canned responses from an in-memory handler (no network, no emulator).
// Exits non-zero if any result is not what the canned response says.
using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using MythicDot;
using MythicDot.Chat;
using ChatMessage = MythicDot.Chat.ChatMessage;

var handler = new CannedHandler();
var client = new MythicDotClient(new HttpClient(handler), new MythicDotClientOptions
{
    ApiKey = "trim-check",
    BaseUrl = new Uri("https://api.mythicdot.invalid/v1/"),
    MaxRetries = 0,
});
var failures = new List<string>();

var completion = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.System("You are terse."), ChatMessage.User("What is the capital of France?")],
    Tools = [ChatTool.CreateFunction("get_weather", "Gets the weather", """{"type":"object","properties":{"city":{"type":"string"}}}""")],
    Temperature = 0.2,
});
Check(completion.Choices[0].Message.Content == "Paris.", "chat completion content");
Check(handler.LastBody.Contains("\"get_weather\"", StringComparison.Ordinal), "request body serialized");

var streamed = new StringBuilder();
await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.User("Stream, please.")],
}))
{
    streamed.Append(chunk.Choices[0].Delta.Content);
}

Check(streamed.ToString() == "Hello, world", "streamed content");

try
{
    await client.Models.GetAsync("rate-limited");
    failures.Add("rate limit: no error thrown");
}
catch (RateLimitError error)
{
    Check(error.Code == ErrorCodes.RateLimitExceeded && error.RetryAfter == TimeSpan.FromSeconds(2), "rate limit error");
}

var embedding = await client.Embeddings.CreateAsync(new("mythic-embed-3", "text"));
Check(embedding.Data[0].Vector.Length == 3, "embedding vector");

var chatClient = client.AsIChatClient("mythic-4");
var response = await chatClient.GetResponseAsync("What is the capital of France?");
Check(response.Text == "Paris.", "IChatClient response");

Console.WriteLine(failures.Count == 0 ? "trim check: every call round-tripped" : "trim check failed: " + string.Join("; ", failures));
return failures.Count == 0 ? 0 : 1;

void Check(bool condition, string what)
{
    if (!condition)
    {
        failures.Add(what);
    }
}

/// <summary>Answers each path with the body the API would send.</summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    public string LastBody { get; private set; } = string.Empty;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastBody = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && LastBody.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.OK, "text/event-stream", Chunk("Hello") + Chunk(", world") + "data: [DONE]\n\n");
        }

        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.OK, "application/json", """
                {"id":"chatcmpl-1","object":"chat.completion","created":1704067200,"model":"mythic-4",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":25,"completion_tokens":8,"total_tokens":33}}
                """);
        }

        if (path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            return Respond(HttpStatusCode.OK, "application/json", """
                {"object":"list","model":"mythic-embed-3","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2,0.3]}],
                 "usage":{"prompt_tokens":1,"total_tokens":1}}
                """);
        }

        var limited = Respond((HttpStatusCode)429, "application/json", """{"success":false,"message":"Slow down","code":"rate_limit_exceeded"}""");
        limited.Headers.TryAddWithoutValidation("Retry-After", "2");
        return limited;
    }

    private static string Chunk(string content) =>
        $$"""data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1704067200,"model":"mythic-4","choices":[{"index":0,"delta":{"content":"{{content}}"},"finish_reason":null}]}""" + "\n\n";

    private static HttpResponseMessage Respond(HttpStatusCode status, string contentType, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}
