using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MythicDot.DependencyInjection;

/// <summary>Binds a configuration section to <see cref="MythicDotClientOptions"/> without reflection (trim- and AOT-safe).</summary>
/// <remarks>An unknown key or an unreadable value is an error naming the key: a typo must not be silently ignored.</remarks>
internal static class MythicDotConfigurationBinder
{
    public static void Bind(IConfiguration section, MythicDotClientOptions options)
    {
        var failures = new List<string>();
        foreach (var child in section.GetChildren())
        {
            var path = child is IConfigurationSection s ? s.Path : child.Key;
            var value = child.Value;
            switch (child.Key.ToUpperInvariant())
            {
                case "APIKEY":
                    options.ApiKey = value;
                    break;
                case "BASEURL":
                    if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
                    {
                        options.BaseUrl = uri;
                    }
                    else
                    {
                        failures.Add($"{path}: '{value}' is not an absolute URL.");
                    }

                    break;
                case "MAXRETRIES":
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries))
                    {
                        options.MaxRetries = retries;
                    }
                    else
                    {
                        failures.Add($"{path}: '{value}' is not a whole number.");
                    }

                    break;
                case "INITIALRETRYDELAY":
                    options.InitialRetryDelay = ReadTimeSpan(path, value, failures) ?? options.InitialRetryDelay;
                    break;
                case "MAXRETRYDELAY":
                    options.MaxRetryDelay = ReadTimeSpan(path, value, failures) ?? options.MaxRetryDelay;
                    break;
                case "MAXRETRYAFTER":
                    options.MaxRetryAfter = ReadTimeSpan(path, value, failures) ?? options.MaxRetryAfter;
                    break;
                case "TIMEOUT":
                    options.Timeout = ReadTimeSpan(path, value, failures) ?? options.Timeout;
                    break;
                case "APIVERSION":
                    options.ApiVersion = value;
                    break;
                case "ALLOWINSECUREHTTP":
                    if (bool.TryParse(value, out var allow))
                    {
                        options.AllowInsecureHttp = allow;
                    }
                    else
                    {
                        failures.Add($"{path}: '{value}' is not true or false.");
                    }

                    break;
                case "DEFAULTHEADERS":
                    foreach (var header in child.GetChildren())
                    {
                        options.DefaultHeaders[header.Key] = header.Value ?? string.Empty;
                    }

                    break;
                default:
                    failures.Add($"{path}: unknown setting (expected ApiKey, BaseUrl, MaxRetries, InitialRetryDelay, MaxRetryDelay, MaxRetryAfter, Timeout, ApiVersion, AllowInsecureHttp or DefaultHeaders).");
                    break;
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Invalid MythicDot configuration: " + string.Join(" ", failures));
        }
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
}
