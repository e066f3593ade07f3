namespace MythicDot.Tests.Infrastructure;

/// <summary>
/// A manual clock: time moves only when a test calls <see cref="Advance"/> (or <see cref="RunUntilCompletedAsync{T}"/>).
/// Every timer created is recorded with its due time, so tests can assert the exact waits the SDK asked for.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private const int QuietPollsForShortTimer = 1;
    private const int QuietPollsForLongTimer = 10;
    private static readonly TimeSpan LongTimer = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<TimeSpan> _createdDueTimes = [];
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Gets the due time of every timer ever created, in creation order.</summary>
    public IReadOnlyList<TimeSpan> CreatedDueTimes
    {
        get
        {
            lock (_gate)
            {
                return _createdDueTimes.ToArray();
            }
        }
    }

    /// <summary>Gets every advance made by <see cref="RunUntilCompletedAsync{T}"/>: the waits the code under test slept.</summary>
    public List<TimeSpan> Sleeps { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _createdDueTimes.Add(dueTime);
            _timers.Add(timer);
            timer.Schedule(_now, dueTime, period);
        }

        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt is { } due && due <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value;
                next.Reschedule(_now);
            }

            next.Fire();
        }
    }

    /// <summary>Gets the time until the earliest pending timer, or null when none is pending.</summary>
    public TimeSpan? NextDue()
    {
        lock (_gate)
        {
            var due = _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value).DefaultIfEmpty().Min();
            return due == default ? null : due - _now;
        }
    }

    /// <summary>
    /// Drives <paramref name="task"/> to completion: whenever it is blocked on a timer, jumps to the earliest one,
    /// recording the jump in <see cref="Sleeps"/>. A long timer (say a per-attempt timeout) fires only when nothing
    /// shorter is pending.
    /// </summary>
    public async Task<T> RunUntilCompletedAsync<T>(Task<T> task, TimeSpan? limit = null)
    {
        await RunUntilCompletedAsync((Task)task, limit);
        return await task;
    }

    public async Task RunUntilCompletedAsync(Task task, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        var quietPolls = 0;
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The task did not complete; pending timer: " + NextDue());
            }

            // Let in-flight continuations run before deciding the code is waiting on the clock.
            await Task.WhenAny(task, Task.Delay(15));
            if (task.IsCompleted)
            {
                break;
            }

            // A long timer (a per-attempt timeout, say) fires only after the code has been quiet for a while,
            // so that a slow first run (JIT) is not mistaken for code blocked on the clock.
            if (NextDue() is { } wait)
            {
                quietPolls = wait < LongTimer ? QuietPollsForShortTimer : quietPolls + 1;
                if (quietPolls >= (wait < LongTimer ? QuietPollsForShortTimer : QuietPollsForLongTimer))
                {
                    quietPolls = 0;
                    Sleeps.Add(wait);
                    Advance(wait);
                }
            }
        }

        try
        {
            await task;
        }
        catch
        {
            // The caller awaits the task itself to observe the outcome.
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? DueAt { get; private set; }

        public void Schedule(DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
        }

        public void Reschedule(DateTimeOffset now) =>
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Schedule(owner._now, dueTime, period);
            }

            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
