using System.Globalization;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>Holds the request for ever, or for a delay before answering normally.</summary>
internal sealed class StallFault(TimeSpan? delay) : EmulatorFault
{
    public override string ToString() =>
        delay is { } value ? string.Create(CultureInfo.InvariantCulture, $"Stall({value})") : "Stall()";

    internal override async Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(context.Http.RequestAborted, context.State.ShutdownToken);
        try
        {
            if (delay is { } value)
            {
                await Task.Delay(value, context.State.TimeProvider, hold.Token).ConfigureAwait(false);
                return true;
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, hold.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the emulator is shutting down: drop the connection instead of answering.
            context.Drop();
        }

        return false;
    }
}
