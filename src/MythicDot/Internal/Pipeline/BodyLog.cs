using System.Net;
using Microsoft.Extensions.Logging;

using MythicDot.Errors;

namespace MythicDot.Internal;

/// <summary>Logs request and response bodies at Trace level when <see cref="MythicDotClientOptions.LogBodies"/> is on, with the key redacted.</summary>
internal static class BodyLog
{
    /// <summary>An admin key in a body (the secret of a key just created): logged as <c>mythic-admin-***</c>.</summary>
    private static readonly System.Text.RegularExpressions.Regex AdminKey = new(MythicDotDefaults.AdminKeyPrefix + @"[^""\\\s,]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Hides every admin key in a logged body, so that a created key's secret never reaches a log.</summary>
    internal static string RedactAdminKeys(string text) =>
        text.IndexOf(MythicDotDefaults.AdminKeyPrefix, StringComparison.Ordinal) < 0 ? text : AdminKey.Replace(text, MythicDotDefaults.AdminKeyPrefix + "***");

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873", Justification = "Guarded by Logger.IsEnabled just above.")]
    public static void Request(CallState call)
    {
        var transport = call.Transport;
        if (transport.Options.LogBodies && transport.Logger.IsEnabled(LogLevel.Trace))
        {
            if (call.Body is { } body)
            {
                Log.RequestBody(transport.Logger, call.Method.Method, call.Path, System.Text.Encoding.UTF8.GetString(body));
            }
            else if (call.Upload is { } upload)
            {
                Log.RequestBody(transport.Logger, call.Method.Method, call.Path, upload.Description);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1873", Justification = "Guarded by Logger.IsEnabled just above.")]
    public static void Response(CallState call, HttpStatusCode status, ReadOnlySpan<byte> body)
    {
        var transport = call.Transport;
        if (transport.Options.LogBodies && transport.Logger.IsEnabled(LogLevel.Trace))
        {
            var apiKey = transport.Options.ApiKey;
            var text = ErrorMapper.Redact(ErrorMapper.DecodeLenient(body), apiKey);

            // An error body read up to the cap may end in the start of an echoed key.
            if (body.Length >= MythicDotDefaults.MaxErrorBodyBytes)
            {
                text = ErrorMapper.RedactCutKey(text, apiKey);
            }

            Log.ResponseBody(transport.Logger, call.Method.Method, call.Path, (int)status, RedactAdminKeys(text ?? string.Empty));
        }
    }
}
