// Tool calling: the model asks for get_weather, the program answers, the model writes the final reply.
using MythicDot;
using MythicDot.Chat;

await using var backend = await SampleBackend.StartAsync();
var client = new MythicDotClient(backend.Options);

var weather = ChatTool.CreateFunction(
    "get_weather",
    "The current weather for a city",
    """{"type":"object","properties":{"location":{"type":"string","description":"City name"}},"required":["location"]}""");
var messages = new List<ChatMessage> { ChatMessage.User("What is the weather in Paris? Use get_weather.") };

var first = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "mythic-4", Messages = messages, Tools = [weather] });
var reply = first.Choices[0].Message;
if (reply.ToolCalls is not { Count: > 0 } calls)
{
    Console.WriteLine($"The model answered without a tool: {reply.Content}");
    return;
}

messages.Add(ChatMessage.Assistant(reply.Content, calls));
foreach (var call in calls)
{
    var city = call.ParseArguments().GetProperty("location").GetString();
    Console.WriteLine($"The model called {call.Function?.Name}({call.Function?.Arguments})");
    messages.Add(ChatMessage.Tool(call.Id, $$"""{"location":"{{city}}","temperature_c":18,"sky":"clear"}"""));
}

var final = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "mythic-4", Messages = messages, Tools = [weather] });
Console.WriteLine($"Final answer: {final.Choices[0].Message.Content}");
