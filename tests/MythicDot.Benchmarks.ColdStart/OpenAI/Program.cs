// The OpenAI SDK's twin (OpenAI 2.15.0): process start to one chat answer.
using System.ClientModel;
using System.Diagnostics;
using OpenAI;
using OpenAI.Chat;

var options = new OpenAIClientOptions { Endpoint = new Uri(args[0]) };
var credential = new ApiKeyCredential("sk-cold-start-0123456789");
var client = new ChatClient("mythic-4", credential, options);
ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("What is the capital of France?")]);

// The second construction right after start-up.
var watch = Stopwatch.StartNew();
var second = new ChatClient("mythic-4", credential, options);
var secondMicros = watch.Elapsed.TotalMicroseconds;
GC.KeepAlive(second);
Console.WriteLine($"{completion.Content[0].Text.Length}\t{secondMicros:F1}");
