using MythicDot.Testing.Internal;

namespace MythicDot.Testing.Faults;

/// <summary>Drops the connection before any response.</summary>
internal sealed class ResetFault : EmulatorFault
{
    public static readonly ResetFault Instance = new();

    public override string ToString() => "Reset()";

    internal override Task<bool> ApplyAsync(EmulatorRequestContext context)
    {
        context.Drop();
        return Task.FromResult(false);
    }
}
