using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MythicDot.DependencyInjection;

/// <summary>Binds a configuration section to <see cref="MythicDotClientOptions"/> without reflection (trim- and AOT-safe).</summary>
/// <remarks>
/// An unknown key or an unreadable value is an error naming the key: a typo must not be silently ignored. Every option that
/// configuration can express is in <see cref="Settings"/>, the one list the binding and the error message are made from;
/// <see cref="MythicDotClientOptions.TimeProvider"/>, <see cref="MythicDotClientOptions.LoggerFactory"/>,
/// <see cref="MythicDotClientOptions.RequestLimiter"/>, <see cref="MythicDotClientOptions.TokenLimiter"/>,
/// <see cref="MythicDotClientOptions.TokenEstimator"/>, <see cref="MythicDotClientOptions.Cooldown"/> and
/// <see cref="MythicDotClientOptions.CircuitBreaker"/> are objects, set in code.
/// </remarks>
internal static class MythicDotConfigurationBinder
{
    private static readonly Setting[] Settings =
    [
        new("ApiKey", static (child, _, options, _) => options.ApiKey = child.Value),
        new("BaseUrl", static (child, path, options, failures) =>
        {
            if (Uri.TryCreate(child.Value, UriKind.Absolute, out var uri))
            {
                options.BaseUrl = uri;
            }
            else
            {
                failures.Add($"{path}: '{child.Value}' is not an absolute URL.");
            }
        }),
        new("MaxRetries", static (child, path, options, failures) => options.MaxRetries = ReadInt32(path, child.Value, failures) ?? options.MaxRetries),
        new("InitialRetryDelay", static (child, path, options, failures) => options.InitialRetryDelay = ReadTimeSpan(path, child.Value, failures) ?? options.InitialRetryDelay),
        new("MaxRetryDelay", static (child, path, options, failures) => options.MaxRetryDelay = ReadTimeSpan(path, child.Value, failures) ?? options.MaxRetryDelay),
        new("MaxRetryAfter", static (child, path, options, failures) => options.MaxRetryAfter = ReadTimeSpan(path, child.Value, failures) ?? options.MaxRetryAfter),
        new("Timeout", static (child, path, options, failures) => options.Timeout = ReadTimeSpan(path, child.Value, failures) ?? options.Timeout),
        new("ApiVersion", static (child, _, options, _) => options.ApiVersion = child.Value),
        new("ApplicationId", static (child, _, options, _) => options.ApplicationId = child.Value),
        new("MaxResponseBytes", static (child, path, options, failures) =>
        {
            if (long.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
            {
                options.MaxResponseBytes = bytes;
            }
            else
            {
                failures.Add($"{path}: '{child.Value}' is not a whole number of bytes.");
            }
        }),
        new("MaxConcurrentRequests", static (child, path, options, failures) =>
        {
            // Empty (as an environment variable set to nothing) means no cap, as null does in code.
            options.MaxConcurrentRequests = string.IsNullOrWhiteSpace(child.Value) ? null : ReadInt32(path, child.Value, failures) ?? options.MaxConcurrentRequests;
        }),
        new("AllowInsecureHttp", static (child, path, options, failures) => options.AllowInsecureHttp = ReadBoolean(path, child.Value, failures) ?? options.AllowInsecureHttp),
        new("LogBodies", static (child, path, options, failures) => options.LogBodies = ReadBoolean(path, child.Value, failures) ?? options.LogBodies),
        new("DefaultHeaders", static (child, _, options, _) =>
        {
            foreach (var header in child.GetChildren())
            {
                options.DefaultHeaders[header.Key] = header.Value ?? string.Empty;
            }
        }),
    ];

    private static readonly string Expected = string.Join(", ", Settings.Take(Settings.Length - 1).Select(s => s.Name)) + " or " + Settings[Settings.Length - 1].Name;

    private delegate void Setter(IConfigurationSection child, string path, MythicDotClientOptions options, List<string> failures);

    public static void Bind(IConfiguration section, MythicDotClientOptions options)
    {
        var failures = new List<string>();
        foreach (var child in section.GetChildren())
        {
            var setting = Array.Find(Settings, s => string.Equals(s.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                failures.Add($"{child.Path}: unknown setting (expected {Expected}).");
            }
            else
            {
                setting.Set(child, child.Path, options, failures);
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Invalid MythicDot configuration: " + string.Join(" ", failures));
        }
    }

    private static int? ReadInt32(string path, string? value, List<string> failures)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        failures.Add($"{path}: '{value}' is not a whole number.");
        return null;
    }

    private static bool? ReadBoolean(string path, string? value, List<string> failures)
    {
        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        failures.Add($"{path}: '{value}' is not true or false.");
        return null;
    }

    private static TimeSpan? ReadTimeSpan(string path, string? value, List<string> failures)
    {
        if (string.Equals(value?.Trim(), "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            return Timeout.InfiniteTimeSpan;
        }

        // "30" would parse as 30 days; insist on hh:mm:ss so that a unit is never guessed.
        if (value is not null && value.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        failures.Add($"{path}: '{value}' is not a time span; write it as hh:mm:ss (for example 00:00:30), or Infinite.");
        return null;
    }

    private sealed record Setting(string Name, Setter Set);
}
