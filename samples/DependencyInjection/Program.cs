// An ASP.NET Core minimal API with AddMythicDotClient: configuration binding, a keyed second client, logging from the host.
// By default it starts, answers one request to itself and exits; pass --serve to keep it running.
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using MythicDot;
using MythicDot.Chat;

await using var backend = await SampleBackend.StartAsync();

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");

// The primary client: settings from appsettings.json ("MythicDot" section); the key from MYTHICDOT_API_KEY
// (or, against the emulator, filled in below).
builder.Services.AddMythicDotClient(builder.Configuration.GetSection("MythicDot"))
    .Services.PostConfigure<MythicDotClientOptions>(o => UseBackend(o, backend));

// A keyed second client for fallback, resolved with [FromKeyedServices("backup")].
builder.Services.AddMythicDotClient("backup", builder.Configuration.GetSection("MythicDotBackup"))
    .Services.PostConfigure<MythicDotClientOptions>("backup", o => UseBackend(o, backend));

// The answers are serialized by generated code, so the app also runs trimmed or as NativeAOT (dotnet publish -p:PublishAot=true).
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJson.Default));

var app = builder.Build();

app.MapGet("/ask", async (string question, MythicDotClient client, [FromKeyedServices("backup")] MythicDotClient backup, CancellationToken cancellationToken) =>
{
    var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User(question)] };
    try
    {
        var completion = await client.Chat.Completions.CreateAsync(request, cancellationToken);
        return Results.Ok(new AskResult(completion.Choices[0].Message.Content, completion.Response?.RequestId, "primary"));
    }
    catch (ApiError e) when (e is ServiceUnavailableError or ApiConnectionError)
    {
        var completion = await backup.Chat.Completions.CreateAsync(request, cancellationToken);
        return Results.Ok(new AskResult(completion.Choices[0].Message.Content, completion.Response?.RequestId, "backup"));
    }
    catch (ApiError e)
    {
        return Results.Problem(title: e.UserMessage, statusCode: StatusCodes.Status502BadGateway, extensions: new Dictionary<string, object?> { ["requestId"] = e.RequestId, ["code"] = e.Code });
    }
});

await app.StartAsync();
var url = app.Urls.First();
Console.WriteLine($"Listening on {url}");

if (args.Contains("--serve"))
{
    await app.WaitForShutdownAsync();
    return;
}

// Ask once through the app, then once more with the primary failing over to the backup.
using var http = new HttpClient { BaseAddress = new Uri(url) };
Console.WriteLine($"GET /ask -> {await http.GetStringAsync("/ask?question=Hello%20from%20DI")}");
if (backend.Emulator is { } emulator)
{
    for (var i = 0; i < 4; i++)
    {
        emulator.EnqueueFault(MythicDot.Testing.EmulatorFault.Status(503, ErrorCodes.ServiceUnavailable, "Under maintenance"));
    }

    Console.WriteLine($"GET /ask (primary unavailable) -> {await http.GetStringAsync("/ask?question=Are%20you%20there")}");
}

await app.StopAsync();

static void UseBackend(MythicDotClientOptions options, SampleBackend backend)
{
    if (backend.Emulator is { } emulator)
    {
        options.ApiKey = emulator.ApiKey;
        options.BaseUrl = emulator.BaseUrl;
        options.InitialRetryDelay = TimeSpan.FromMilliseconds(50);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
    }
}

/// <summary>What GET /ask answers.</summary>
internal sealed record AskResult(string? Answer, string? RequestId, string Via);

[JsonSerializable(typeof(AskResult))]
internal sealed partial class SampleJson : JsonSerializerContext;
