// Microsoft.Extensions.AI: MythicDot as an IChatClient and an IEmbeddingGenerator, so it plugs into anything
// built on those abstractions. The client and errors live in MythicDot and the resource types in MythicDot.Chat, ...,
// so this file imports both namespaces with no alias.
using Microsoft.Extensions.AI;
using MythicDot;

await using var backend = await SampleBackend.StartAsync();
var client = new MythicDotClient(backend.Options);

IChatClient chat = client.AsIChatClient("mythic-4");
var response = await chat.GetResponseAsync("What is the capital of France?", new ChatOptions { Temperature = 0.2f });
Console.WriteLine($"IChatClient: {response.Text} ({response.Usage?.TotalTokenCount} tokens, finish {response.FinishReason})");

Console.Write("Streaming:   ");
await foreach (var update in chat.GetStreamingResponseAsync("Say hello in five words."))
{
    Console.Write(update.Text);
}

Console.WriteLine();

// A tool, described by an AIFunction; the call and its result travel as FunctionCallContent / FunctionResultContent.
var getWeather = AIFunctionFactory.Create((string location) => $"{location}: 18 °C, clear", "get_weather", "Current weather for a city");
List<ChatMessage> history = [new(ChatRole.User, "What is the weather in Paris? Use get_weather.")];
var options = new ChatOptions { Tools = [getWeather] };
var first = await chat.GetResponseAsync(history, options);
history.AddRange(first.Messages);
foreach (var call in first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
{
    var result = await getWeather.InvokeAsync(new AIFunctionArguments(call.Arguments));
    Console.WriteLine($"Tool call:   {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? [])}) -> {result}");
    history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
}

var final = await chat.GetResponseAsync(history, options);
Console.WriteLine($"Final:       {final.Text}");

IEmbeddingGenerator<string, Embedding<float>> embedder = client.AsIEmbeddingGenerator("mythic-embed-3");
var embeddings = await embedder.GenerateAsync(["a lighthouse", "a lighthouse", "a harbour"]);
Console.WriteLine($"Embeddings:  {embeddings.Count} vectors of {embeddings[0].Vector.Length} floats; same text, same vector: {embeddings[0].Vector.Span.SequenceEqual(embeddings[1].Vector.Span)}");
