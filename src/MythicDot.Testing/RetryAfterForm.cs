using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing;

/// <summary>How a fault tells the client to wait before retrying: one of the forms the MythicDot API and its peers use.</summary>
/// <remarks>Create one with <see cref="Seconds(int)"/>, <see cref="HttpDate(TimeSpan)"/>, <see cref="Milliseconds(int)"/>,
/// <see cref="Body(double)"/> or <see cref="RawHeader(string)"/>, and pass it to <see cref="EmulatorFault.Status"/>.</remarks>
public sealed class RetryAfterForm
{
    private readonly Kind _kind;
    private readonly double _number;
    private readonly TimeSpan _fromNow;
    private readonly string? _raw;

    private RetryAfterForm(Kind kind, double number = 0, TimeSpan fromNow = default, string? raw = null)
    {
        _kind = kind;
        _number = number;
        _fromNow = fromNow;
        _raw = raw;
    }

    private enum Kind
    {
        Seconds,
        HttpDate,
        Milliseconds,
        Body,
        Raw,
    }

    /// <summary>Sends <c>Retry-After: <paramref name="seconds"/></c> (delta-seconds).</summary>
    /// <param name="seconds">The wait in seconds; zero or negative values are sent as given, to test how clients ignore them.</param>
    /// <returns>The form.</returns>
    public static RetryAfterForm Seconds(int seconds) => new(Kind.Seconds, seconds);

    /// <summary>Sends <c>Retry-After: &lt;RFC 1123 date&gt;</c>, <paramref name="fromNow"/> after the emulator's clock
    /// (<see cref="MythicDotEmulatorOptions.TimeProvider"/>) at the time of the response.</summary>
    /// <param name="fromNow">The wait. HTTP dates have whole-second precision: the date is rounded up to the next whole second,
    /// so the client never waits less than asked; with a clock on a whole second the wait is exact.</param>
    /// <returns>The form.</returns>
    public static RetryAfterForm HttpDate(TimeSpan fromNow) => new(Kind.HttpDate, fromNow: fromNow);

    /// <summary>Sends <c>retry-after-ms: <paramref name="milliseconds"/></c>, the header some peers of the API send.</summary>
    /// <param name="milliseconds">The wait in milliseconds.</param>
    /// <returns>The form.</returns>
    public static RetryAfterForm Milliseconds(int milliseconds) => new(Kind.Milliseconds, milliseconds);

    /// <summary>Puts <c>"retry_after": <paramref name="seconds"/></c> in the error body, and no header.</summary>
    /// <param name="seconds">The wait in seconds (fractions allowed).</param>
    /// <returns>The form.</returns>
    public static RetryAfterForm Body(double seconds) => new(Kind.Body, seconds);

    /// <summary>Sends <c>Retry-After</c> with a value as given, for example an unparseable one such as <c>soon</c>.</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The form.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty or contains a line break.</exception>
    public static RetryAfterForm RawHeader(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A header value may not contain a line break.", nameof(value));
        }

        return new(Kind.Raw, raw: value);
    }

    /// <summary>Describes the form.</summary>
    /// <returns>For example <c>Retry-After: 2</c>.</returns>
    public override string ToString() => _kind switch
    {
        Kind.Seconds => string.Create(CultureInfo.InvariantCulture, $"Retry-After: {_number}"),
        Kind.HttpDate => string.Create(CultureInfo.InvariantCulture, $"Retry-After: <HTTP date {_fromNow.TotalSeconds} s from now>"),
        Kind.Milliseconds => string.Create(CultureInfo.InvariantCulture, $"retry-after-ms: {_number}"),
        Kind.Body => string.Create(CultureInfo.InvariantCulture, $"body retry_after: {_number}"),
        _ => "Retry-After: " + _raw,
    };

    /// <summary>Adds the header this form sends, if any.</summary>
    /// <returns>The body's <c>retry_after</c> in seconds, for the <see cref="Body(double)"/> form; otherwise <see langword="null"/>.</returns>
    internal double? Apply(HttpResponse response, DateTimeOffset now)
    {
        switch (_kind)
        {
            case Kind.Seconds:
                response.Headers["Retry-After"] = ((int)_number).ToString(CultureInfo.InvariantCulture);
                return null;
            case Kind.HttpDate:
                var due = now + _fromNow;
                var remainder = due.UtcTicks % TimeSpan.TicksPerSecond;
                if (remainder != 0)
                {
                    due = due.AddTicks(TimeSpan.TicksPerSecond - remainder);
                }

                response.Headers["Retry-After"] = due.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
                return null;
            case Kind.Milliseconds:
                response.Headers["retry-after-ms"] = ((int)_number).ToString(CultureInfo.InvariantCulture);
                return null;
            case Kind.Body:
                return _number;
            default:
                response.Headers["Retry-After"] = _raw;
                return null;
        }
    }
}
