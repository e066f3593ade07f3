namespace MythicDot.Internal;

/// <summary>One attempt's cancellation: the caller's token plus the per-attempt timeout on the options' clock.</summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer? _timer;
    private int _timedOut;

    public AttemptTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            _timer = timeProvider.CreateTimer(static state => ((AttemptTimeout)state!).Fire(), this, timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether the attempt was cancelled by its timeout rather than by the caller.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    public void Dispose()
    {
        _timer?.Dispose();
        _source.Dispose();
    }

    private void Fire()
    {
        Volatile.Write(ref _timedOut, 1);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt finished as the timer fired.
        }
    }
}
