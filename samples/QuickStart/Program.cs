// MythicDot quick start: a chat completion, a streamed answer, a tool call, a rate limit retried transparently, and typed errors caught.
// With MYTHICDOT_API_KEY set it calls the real API; without it, it starts the emulator in-process.
using System.Diagnostics;
using MythicDot;
using MythicDot.Chat;
using MythicDot.Testing;

await using var emulator = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MYTHICDOT_API_KEY"))
    ? await MythicDotEmulator.StartAsync()
    : null;

MythicDotClientOptions options;
if (emulator is not null)
{
    Console.WriteLine($"No MYTHICDOT_API_KEY set: using the in-process MythicDot emulator at {emulator.BaseUrl}");
    options = emulator.CreateClientOptions();
}
else
{
    Console.WriteLine("Using the MythicDot API with the key in MYTHICDOT_API_KEY.");
    options = new MythicDotClientOptions();
}

var client = new MythicDotClient(options);

// 1. A chat completion.
var completion = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.System("You are terse."), ChatMessage.User("What is the capital of France?")],
});
Console.WriteLine();
Console.WriteLine("1. Chat completion");
Console.WriteLine($"   answer: {completion.Choices[0].Message.Content}");
Console.WriteLine($"   tokens: {completion.Usage?.PromptTokens} in, {completion.Usage?.CompletionTokens} out; request id: {completion.Response?.RequestId}");

// 2. A streamed answer, printed as it arrives.
Console.WriteLine();
Console.WriteLine("2. Streaming");
Console.Write("   answer: ");
await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.User("Write one sentence about lighthouses.")],
}))
{
    if (chunk.Choices is [var delta, ..])
    {
        Console.Write(delta.Delta.Content);
    }
}

Console.WriteLine();

// 3. A tool-call round trip: the model asks for get_weather, we answer, it writes the reply.
Console.WriteLine();
Console.WriteLine("3. Tool call");
var weather = ChatTool.CreateFunction("get_weather", "Current weather for a city",
    """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""");
var conversation = new List<ChatMessage> { ChatMessage.User("What is the weather in Paris? Use get_weather.") };
var toolTurn = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "mythic-4", Messages = conversation, Tools = [weather] });
if (toolTurn.Choices[0].Message.ToolCalls is { Count: > 0 } toolCalls)
{
    conversation.Add(ChatMessage.Assistant(toolTurn.Choices[0].Message.Content, toolCalls));
    foreach (var call in toolCalls)
    {
        Console.WriteLine($"   the model called {call.Function?.Name}({call.Function?.Arguments})");
        var city = call.ParseArguments().GetProperty("location").GetString();
        conversation.Add(ChatMessage.Tool(call.Id, $$"""{"location":"{{city}}","temperature_c":18}"""));
    }

    var toolAnswer = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "mythic-4", Messages = conversation, Tools = [weather] });
    Console.WriteLine($"   answer: {toolAnswer.Choices[0].Message.Content}");
}
else
{
    Console.WriteLine($"   the model answered without the tool: {toolTurn.Choices[0].Message.Content}");
}

// 4. A 429 with Retry-After, retried transparently (the emulator injects it; the real API is not provoked on purpose).
Console.WriteLine();
Console.WriteLine("4. Rate limit, retried transparently");
if (emulator is not null)
{
    emulator.ClearRequests();
    emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", retryAfter: RetryAfterForm.Seconds(1)));
    var stopwatch = Stopwatch.StartNew();
    var retried = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
    {
        Model = "mythic-4",
        Messages = [ChatMessage.User("Say hello after a rate limit.")],
    });
    var requests = emulator.Requests;
    var honoured = requests[1].ReceivedAt - requests[0].ReceivedAt;
    Console.WriteLine($"   the server answered 429 with Retry-After: 1; the client waited {honoured.TotalSeconds:0.00} s and retried");
    Console.WriteLine($"   attempts: {retried.Response?.Attempts}, total {stopwatch.Elapsed.TotalSeconds:0.00} s, answer: {retried.Choices[0].Message.Content}");
}
else
{
    Console.WriteLine("   (shown against the emulator only: run without MYTHICDOT_API_KEY to see it)");
}

// 5. Typed errors: each failure is its own exception type, with the API's code, param and request id.
Console.WriteLine();
Console.WriteLine("5. Typed errors");
try
{
    var badKey = new MythicDotClient(new MythicDotClientOptions { ApiKey = "sk-not-a-real-key", BaseUrl = client.BaseUrl });
    await badKey.Models.ListAsync();
    Unexpected("a bad key");
}
catch (AuthenticationError e)
{
    Console.WriteLine($"   AuthenticationError: {e.Message} (code {e.Code}, request id {e.RequestId})");
    Console.WriteLine($"     tell the user: {e.UserMessage}");
}

try
{
    await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
    {
        Model = "mythic-4",
        Messages = [new ChatMessage { Role = new ChatRole("narrator"), Content = "Once upon a time" }],
    });
    Unexpected("an invalid role");
}
catch (BadRequestError e)
{
    Console.WriteLine($"   BadRequestError: {e.Message} (code {e.Code}, param '{e.Param}')");
    Console.WriteLine($"     tell the user: {e.UserMessage}");
}

try
{
    await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
    {
        Model = "mythic-99",
        Messages = [ChatMessage.User("Hello?")],
    });
    Unexpected("an unknown model");
}
catch (NotFoundError e) when (e.Code == ErrorCodes.ModelNotFound)
{
    Console.WriteLine($"   NotFoundError: {e.Message} (code {e.Code})");
    Console.WriteLine($"     tell the user: {e.UserMessage}");
}

Console.WriteLine();
Console.WriteLine("Done.");

static void Unexpected(string what)
{
    Console.WriteLine($"   unexpected: the call with {what} succeeded");
    Environment.ExitCode = 1;
}
