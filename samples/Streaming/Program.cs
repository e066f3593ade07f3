// Streaming: print the answer as it arrives, then fold a second stream into one ChatCompletion.
using MythicDot;
using MythicDot.Chat;

await using var backend = await SampleBackend.StartAsync();
var client = new MythicDotClient(backend.Options);
var request = new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.User("Tell me a two-sentence story about a lighthouse.")],
};

Console.Write("Streamed: ");
await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(request))
{
    if (chunk.Choices is [var choice, ..])
    {
        Console.Write(choice.Delta.Content);
    }
}

Console.WriteLine();

// The same request, streamed and folded: the result has the shape of a non-streamed call.
ChatCompletion folded = await client.Chat.Completions.CreateStreamingAsync(request).ToCompletionAsync();
Console.WriteLine($"Folded:   {folded.Choices[0].Message.Content} (finish: {folded.Choices[0].FinishReason})");

// Breaking out early releases the connection at once; the client stays usable.
await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(request))
{
    break;
}

Console.WriteLine("Stopped a third stream after its first chunk; done.");
