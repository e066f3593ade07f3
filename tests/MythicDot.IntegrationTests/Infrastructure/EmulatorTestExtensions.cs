using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests.Infrastructure;

internal static class EmulatorTestExtensions
{
    /// <summary>Creates a client whose waits run on <paramref name="clock"/>, so that tests assert them exactly without sleeping.</summary>
    /// <remarks>
    /// The per-attempt timeout is switched off: the fake clock jumps to the next timer whenever the call is not done within
    /// a few real milliseconds, and would otherwise fire the timeout while real socket I/O is still in flight.
    /// </remarks>
    public static MythicDotClient CreateClient(this MythicDotEmulator emulator, FakeTimeProvider clock, Action<MythicDotClientOptions>? configure = null) =>
        emulator.CreateClient(options =>
        {
            options.TimeProvider = clock;
            options.Timeout = Timeout.InfiniteTimeSpan;
            configure?.Invoke(options);
        });

    /// <summary>Waits (on the real clock) until the emulator has recorded <paramref name="count"/> requests.</summary>
    public static async Task WaitForRequestsAsync(this MythicDotEmulator emulator, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (emulator.Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The emulator recorded {emulator.Requests.Count} requests, not {count}.");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
