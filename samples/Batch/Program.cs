// MythicDot batch: 200 chat requests run as one batch (half the price, results within 24 h), with a progress bar, then one typed
// result per id. With MYTHICDOT_API_KEY set it calls the real API (polling every 30 s); without it, it starts the emulator
// in-process with a fast batch (3 s), and a few requests fail on demand ([fail:429], [fail:400]) to show the typed errors.
using MythicDot;
using MythicDot.Batches;
using MythicDot.Chat;
using MythicDot.Testing;

await using var emulator = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MYTHICDOT_API_KEY"))
    ? await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { BatchDuration = TimeSpan.FromSeconds(3) })
    : null;

MythicDotClientOptions options;
if (emulator is not null)
{
    Console.WriteLine($"No MYTHICDOT_API_KEY set: using the in-process MythicDot emulator at {emulator.BaseUrl}");
    options = emulator.CreateClientOptions();
}
else
{
    Console.WriteLine("Using the MythicDot API with the key in MYTHICDOT_API_KEY.");
    options = new MythicDotClientOptions();
}

var client = new MythicDotClient(options);
var items = Enumerable.Range(1, 200).Select(i => new BatchChatItem(
    $"question-{i:D3}",
    new ChatCompletionRequest
    {
        Model = "mythic-4",
        Messages = [ChatMessage.User(emulator is not null && i % 50 == 0 ? $"Question {i} [fail:429]" : emulator is not null && i == 77 ? "Question 77 [fail:400]" : $"Give me one fact about the number {i}.")],
    })).ToList();

var runner = client.Batches.CreateRunner(new BatchRunnerOptions
{
    PollInterval = emulator is not null ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(30),
});

Console.WriteLine($"Running {items.Count} requests as one batch...");
var result = await runner.RunAsync(items, new ProgressBar());
Console.WriteLine();

var succeeded = result.Results.Values.Where(r => r.Succeeded).ToList();
var failed = result.Results.Values.Where(r => !r.Succeeded).ToList();
Console.WriteLine($"Batch {result.Batch.Id}: {result.Batch.Status}, {succeeded.Count} succeeded, {failed.Count} failed.");
Console.WriteLine($"   {items[0].Id}: {result.Results[items[0].Id].Completion?.Choices[0].Message.Content}");
foreach (var failure in failed.Take(5))
{
    Console.WriteLine($"   {failure.Id}: {failure.Error?.GetType().Name}: {failure.Error?.Message}");
}

/// <summary>Draws the batch's progress on one console line.</summary>
internal sealed class ProgressBar : IProgress<BatchProgress>
{
    private const int Width = 40;

    public void Report(BatchProgress value)
    {
        var done = value.Completed + value.Failed;
        var filled = value.Total == 0 ? 0 : done * Width / value.Total;
        Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done,4}/{value.Total} {value.Status,-12} {value.Elapsed.TotalSeconds,5:0.0} s");
    }
}
