// The floor's dependency-injection twin: AddHttpClient, the first client resolved from a fresh provider, then one chat call.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

var start = Stopwatch.GetTimestamp();
var services = new ServiceCollection();
services.AddHttpClient("bare", http =>
{
    http.BaseAddress = new Uri(args[0]);
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-cold-start-0123456789");
});
using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("bare");
var resolveMicros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;

var request = new ChatRequest("mythic-4", [new ChatMessage("user", "What is the capital of France?")]);
using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ColdJson.Default.ChatRequest));
content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
using var response = await client.PostAsync("chat/completions", content);
response.EnsureSuccessStatusCode();
var completion = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(), ColdJson.Default.ChatCompletion)
    ?? throw new JsonException("null body");
Console.WriteLine($"{completion.Choices[0].Message.Content!.Length}\t{resolveMicros:F1}");
