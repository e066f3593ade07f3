using System.Globalization;

namespace MythicDot.Resilience;

/// <summary>Settings of the client's circuit breaker (<see cref="MythicDotClientOptions.CircuitBreaker"/>), built on Polly's.</summary>
/// <remarks>The circuit opens when, within <see cref="SamplingDuration"/>, at least <see cref="FailureThreshold"/> attempts were made
/// and at least <see cref="FailureRatio"/> of them failed transiently. With the default ratio of 1, that is a run of
/// <see cref="FailureThreshold"/> failures with no success among them. While it is open, every call fails at once with a
/// <see cref="CircuitOpenError"/> that says when it will try again; after <see cref="BreakDuration"/> one attempt is let through as a
/// probe: a success closes the circuit, a failure opens it for another <see cref="BreakDuration"/>.</remarks>
public sealed class CircuitBreakerOptions
{
    /// <summary>Gets or sets how many attempts, at least, the window must hold before the circuit may open.</summary>
    /// <value>The default is 5; at least 2.</value>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets the share of the window's attempts that must have failed for the circuit to open.</summary>
    /// <value>The default is 1: every attempt in the window failed. Greater than 0 and at most 1.</value>
    public double FailureRatio { get; set; } = 1.0;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>The default is 30 seconds; at least 500 milliseconds.</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before a probe is let through.</summary>
    /// <value>The default is 30 seconds; at least 500 milliseconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CircuitBreakerOptions {{ FailureThreshold = {FailureThreshold}, FailureRatio = {FailureRatio}, SamplingDuration = {SamplingDuration}, BreakDuration = {BreakDuration} }}");

    /// <summary>A copy, so that later changes to the caller's instance do not reach a client.</summary>
    internal CircuitBreakerOptions Clone() => (CircuitBreakerOptions)MemberwiseClone();

    /// <summary>Adds a message naming each invalid setting.</summary>
    internal void Validate(List<string> failures)
    {
        if (FailureThreshold < 2)
        {
            failures.Add($"CircuitBreaker.FailureThreshold must be at least 2 (was {FailureThreshold}).");
        }

        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"CircuitBreaker.FailureRatio must be greater than 0 and at most 1 (was {FailureRatio})."));
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"CircuitBreaker.SamplingDuration must be at least 500 ms (was {SamplingDuration}).");
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"CircuitBreaker.BreakDuration must be at least 500 ms (was {BreakDuration}).");
        }
    }
}
