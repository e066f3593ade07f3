// Error handling the way the API's error guide recommends: catch by type, show the user a helpful message,
// log code, message, request id, time, endpoint and method for support, and let transient failures retry.
using Microsoft.Extensions.Logging;
using MythicDot;
using MythicDot.Chat;
using MythicDot.Testing;

await using var backend = await SampleBackend.StartAsync();
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
var logger = loggerFactory.CreateLogger("ErrorHandling");

var options = backend.Options;
options.LoggerFactory = loggerFactory;   // the SDK logs attempts, retries and failures; never the key
options.InitialRetryDelay = TimeSpan.FromMilliseconds(100);
var client = new MythicDotClient(options);

if (backend.Emulator is { } emulator)
{
    // Against the emulator, provoke what a production app meets now and then.
    emulator.EnqueueFault(EmulatorFault.Status(503, ErrorCodes.ServiceUnavailable, "Under maintenance"));                 // retried, then succeeds
    await Ask("Hello after a blip");

    emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", retryAfter: RetryAfterForm.Seconds(120))); // longer than MaxRetryAfter: thrown at once
    await Ask("Hello under a long rate limit");

    emulator.EnqueueFault(EmulatorFault.Html(502));                                                                      // a proxy's HTML page, three times: retries run out
    emulator.EnqueueFault(EmulatorFault.Html(502));
    emulator.EnqueueFault(EmulatorFault.Html(502));
    await Ask("Hello through a broken proxy");
}

await Ask("Hello", model: "mythic-99");                                                                                  // not retried: the model does not exist

async Task Ask(string question, string model = "mythic-4")
{
    try
    {
        var completion = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest
        {
            Model = model,
            Messages = [ChatMessage.User(question)],
        });
        Console.WriteLine($"OK after {completion.Response?.Attempts} attempt(s): {completion.Choices[0].Message.Content}");
    }
    catch (RateLimitError e)
    {
        Report(e, e.RetryAfter is { } wait ? $"rate limited; come back in {wait.TotalSeconds:0} s" : "rate limited");
    }
    catch (NotFoundError e) when (e.Code == ErrorCodes.ModelNotFound)
    {
        Report(e, "unknown model: fall back to a default one");
    }
    catch (ApiError e)
    {
        Report(e, "failed");
    }
}

void Report(ApiError e, string what)
{
    // The fields support asks for, as structured log properties.
    logger.LogError("MythicDot call {What}: {ErrorType} code={Code} request_id={RequestId} status={Status} attempts={Attempts} message={Message}",
        what, e.GetType().Name, e.Code, e.RequestId, (int?)e.StatusCode, e.Attempts, e.Message);
    Console.WriteLine($"  -> tell the user: {e.UserMessage}");
}
