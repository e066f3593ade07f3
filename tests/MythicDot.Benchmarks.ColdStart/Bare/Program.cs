// The floor's twin: process start to one chat answer with a bare HttpClient and source-generated JSON.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

var baseUrl = new Uri(args[0]);
using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-cold-start-0123456789");
var request = new ChatRequest("mythic-4", [new ChatMessage("user", "What is the capital of France?")]);
using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, ColdJson.Default.ChatRequest));
content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
using var response = await http.PostAsync(new Uri(baseUrl, "chat/completions"), content);
response.EnsureSuccessStatusCode();
var completion = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(), ColdJson.Default.ChatCompletion)
    ?? throw new JsonException("null body");

// The second construction right after start-up: what building another client costs once the first call is done.
var watch = Stopwatch.StartNew();
using var second = new HttpClient();
second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-cold-start-0123456789");
var secondMicros = watch.Elapsed.TotalMicroseconds;
Console.WriteLine($"{completion.Choices[0].Message.Content!.Length}\t{secondMicros:F1}");
