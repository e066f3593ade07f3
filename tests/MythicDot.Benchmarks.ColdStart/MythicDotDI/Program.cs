// MythicDot's dependency-injection twin: AddMythicDotClient, the first client resolved from a fresh provider, then one chat call.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MythicDot;
using MythicDot.Chat;

var start = Stopwatch.GetTimestamp();
var services = new ServiceCollection();
services.AddMythicDotClient(options =>
{
    options.ApiKey = "sk-cold-start-0123456789";
    options.BaseUrl = new Uri(args[0]);
});
using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<MythicDotClient>();
var resolveMicros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;

var completion = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
{
    Model = "mythic-4",
    Messages = [ChatMessage.User("What is the capital of France?")],
});
Console.WriteLine($"{completion.Choices[0].Message.Content!.Length}\t{resolveMicros:F1}");
