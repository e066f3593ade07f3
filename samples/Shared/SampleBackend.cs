using MythicDot;
using MythicDot.Testing;

/// <summary>The real API when MYTHICDOT_API_KEY is set; otherwise the emulator, started in-process.</summary>
internal sealed class SampleBackend : IAsyncDisposable
{
    private SampleBackend(MythicDotEmulator? emulator, MythicDotClientOptions options)
    {
        Emulator = emulator;
        Options = options;
    }

    public MythicDotEmulator? Emulator { get; }

    public MythicDotClientOptions Options { get; }

    public static async Task<SampleBackend> StartAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MYTHICDOT_API_KEY")))
        {
            Console.WriteLine("Using the MythicDot API with the key in MYTHICDOT_API_KEY.");
            return new SampleBackend(null, new MythicDotClientOptions());
        }

        var emulator = await MythicDotEmulator.StartAsync();
        Console.WriteLine($"No MYTHICDOT_API_KEY set: using the in-process MythicDot emulator at {emulator.BaseUrl}");
        return new SampleBackend(emulator, emulator.CreateClientOptions());
    }

    public ValueTask DisposeAsync() => Emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
