using Microsoft.Extensions.Hosting;

namespace MythicDot.Testing.Internal;

/// <summary>A host lifetime that does nothing.</summary>
/// <remarks>The default console lifetime would take over Ctrl+C and SIGTERM of the process that hosts the emulator (a test run, an app).</remarks>
internal sealed class EmulatorHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
