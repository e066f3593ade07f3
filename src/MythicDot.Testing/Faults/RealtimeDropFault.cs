using System.Globalization;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>Lets a realtime session open, then drops its connection, with no close frame, once the emulator has sent some events.</summary>
/// <remarks>A request that is not a realtime handshake takes the fault from the queue and is answered normally.</remarks>
internal sealed class RealtimeDropFault(int afterEvents) : EmulatorFault
{
    public int AfterEvents { get; } = afterEvents;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RealtimeDrop(after {AfterEvents} events)");

    internal override Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        context.RealtimeFault = this;
        return Task.FromResult(true);
    }
}
