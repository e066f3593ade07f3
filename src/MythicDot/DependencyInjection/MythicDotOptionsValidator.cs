using Microsoft.Extensions.Options;

namespace MythicDot.DependencyInjection;

/// <summary>Validates registered options at start-up, as the client will see them (environment defaults applied).</summary>
internal sealed class MythicDotOptionsValidator : IValidateOptions<MythicDotClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MythicDotClientOptions options)
    {
        var resolved = options.Clone();
        var admin = MythicDotClientStates.IsAdmin(name);
        try
        {
            resolved.ApplyEnvironmentDefaults(admin);
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }

        var failures = resolved.Validate(admin);
        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"MythicDot client '{(string.IsNullOrEmpty(name) ? "(default)" : name)}': {f}"));
    }
}
