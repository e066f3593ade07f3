using System.Collections;
using System.Globalization;
using System.Text;

namespace MythicDot.Internal;

/// <summary>
/// The structured state of the SDK's call-outcome log events: every field is a property (null when the response had none), and the
/// message shows only the fields that are there, so a line never reads <c>code , request id</c>.
/// </summary>
/// <remarks>Source-generated <c>LoggerMessage</c> templates cannot omit a placeholder, hence this one hand-written state.</remarks>
internal sealed class CallLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static readonly Func<CallLogState, Exception?, string> Formatter = static (state, _) => state.ToString();

    private readonly KeyValuePair<string, object?>[] _properties;
    private readonly string _template;
    private readonly Func<CallLogState, string> _format;

    private CallLogState(string template, Func<CallLogState, string> format, KeyValuePair<string, object?>[] properties)
    {
        _template = template;
        _format = format;
        _properties = properties;
    }

    public int Count => _properties.Length + 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == _properties.Length ? new("{OriginalFormat}", _template) : _properties[index];

    public static CallLogState AttemptFailed(CallState call, ApiError error) => new(
        "MythicDot {Method} {Path}: attempt {Attempt} failed with {ErrorType} ({StatusCode}, {Code}, {RequestId})",
        static s => string.Create(CultureInfo.InvariantCulture, $"MythicDot {s.Get(0)} {s.Get(1)}: attempt {s.Get(2)} failed with {s.Get(3)}") + s.Details(("status", 4), ("code", 5), ("request id", 6)),
        [new("Method", call.Method.Method), new("Path", call.Path), new("Attempt", call.Attempts), new("ErrorType", error.GetType().Name), new("StatusCode", (int?)error.StatusCode), new("Code", error.Code), new("RequestId", error.RequestId)]);

    public static CallLogState CallFailed(CallState call, ApiError error, double elapsedMs, DateTimeOffset time) => new(
        "MythicDot {Method} {Path} failed after {Attempts} attempt(s) and {ElapsedMs} ms: {ErrorType} {Code}: {ErrorMessage} ({RequestId}, at {Time})",
        static s => string.Create(CultureInfo.InvariantCulture, $"MythicDot {s.Get(0)} {s.Get(1)} failed after {s.Get(2)} attempt(s) and {s.Get(3)} ms: {s.Get(4)}")
            + (s.Has(5) ? " " + s.Get(5) : string.Empty) + ": " + s.Get(6) + s.Details(("request id", 7), ("at", 8)),
        [new("Method", call.Method.Method), new("Path", call.Path), new("Attempts", call.Attempts), new("ElapsedMs", elapsedMs), new("ErrorType", error.GetType().Name), new("Code", error.Code), new("ErrorMessage", error.Message), new("RequestId", error.RequestId), new("Time", time)]);

    public static CallLogState CallSucceeded(CallState call, int statusCode, double elapsedMs, string? requestId) => new(
        "MythicDot {Method} {Path} succeeded with status {StatusCode} after {Attempts} attempt(s) and {ElapsedMs} ms ({RequestId})",
        static s => string.Create(CultureInfo.InvariantCulture, $"MythicDot {s.Get(0)} {s.Get(1)} succeeded with status {s.Get(2)} after {s.Get(3)} attempt(s) and {s.Get(4)} ms") + s.Details(("request id", 5)),
        [new("Method", call.Method.Method), new("Path", call.Path), new("StatusCode", statusCode), new("Attempts", call.Attempts), new("ElapsedMs", elapsedMs), new("RequestId", requestId)]);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _format(this);

    private bool Has(int index) => _properties[index].Value is not (null or "");

    private string Get(int index) => Convert.ToString(_properties[index].Value, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>" (status 503, code x, request id y)" with only the fields that are there; empty when none is.</summary>
    private string Details(params (string Label, int Index)[] fields)
    {
        StringBuilder? text = null;
        foreach (var (label, index) in fields)
        {
            if (!Has(index))
            {
                continue;
            }

            text = text is null ? new StringBuilder(" (") : text.Append(", ");
            text.Append(label).Append(' ').Append(Get(index));
        }

        return text is null ? string.Empty : text.Append(')').ToString();
    }
}
