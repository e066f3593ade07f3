// MythicDot's twin: process start to one chat answer, the client built as the README builds it.
using System.Diagnostics;
using MythicDot;
using MythicDot.Chat;

var options = new MythicDotClientOptions { ApiKey = "sk-cold-start-0123456789", BaseUrl = new Uri(args[0]) };
var client = new MythicDotClient(options);
var completion = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.User("What is the capital of France?")],
});

// The second construction right after start-up.
var watch = Stopwatch.StartNew();
var second = new MythicDotClient(options);
var secondMicros = watch.Elapsed.TotalMicroseconds;
GC.KeepAlive(second);
Console.WriteLine($"{completion.Choices[0].Message.Content!.Length}\t{secondMicros:F1}");
