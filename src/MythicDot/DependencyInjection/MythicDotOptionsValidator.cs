using Microsoft.Extensions.Options;

namespace MythicDot.DependencyInjection;

/// <summary>Validates registered options at start-up, as the client will see them (environment defaults applied).</summary>
internal sealed class MythicDotOptionsValidator : IValidateOptions<MythicDotClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MythicDotClientOptions options)
    {
        var resolved = options.Clone();
        try
        {
            resolved.ApplyEnvironmentDefaults();
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }

        var failures = resolved.Validate();
        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"MythicDot client '{(string.IsNullOrEmpty(name) ? "(default)" : name)}': {f}"));
    }
}
