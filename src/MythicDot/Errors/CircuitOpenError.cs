namespace MythicDot;

/// <summary>
/// The client's circuit breaker (<see cref="MythicDotClientOptions.CircuitBreaker"/>) is open after a run of transient failures:
/// the call failed at once and nothing was sent. <see cref="ApiError.RetryAfter"/> says when the circuit lets a probe through. Not retried.
/// </summary>
public sealed class CircuitOpenError : ApiError
{
    /// <summary>Initializes a new instance of the <see cref="CircuitOpenError"/> class.</summary>
    public CircuitOpenError()
        : this("The request was not sent: the client's circuit breaker is open after repeated failures of the MythicDot API.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CircuitOpenError"/> class with a message.</summary>
    /// <param name="message">The error message.</param>
    public CircuitOpenError(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CircuitOpenError"/> class with a message and the error that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">Polly's <c>BrokenCircuitException</c>, or the failure that opened the circuit.</param>
    public CircuitOpenError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string UserMessage => RetryAfter is { } wait
        ? "The MythicDot service is failing right now. Try again in " + Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " seconds."
        : "The MythicDot service is failing right now. Try again shortly.";
}
