namespace MythicDot.Tests.Infrastructure;

/// <summary>
/// Microsoft.Extensions.TimeProvider.Testing's manual clock, with what these tests add to it: the due time of every timer
/// created (so a test asserts the exact waits the SDK asked for) and <see cref="RunUntilCompletedAsync{T}"/>, which drives a
/// call to completion by jumping to each timer it is blocked on and records the jumps in <see cref="Sleeps"/>.
/// </summary>
public sealed class FakeTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
{
    private const int QuietPollsForShortTimer = 1;
    private const int QuietPollsForLongTimer = 10;
    private static readonly TimeSpan LongTimer = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();

    // Held while a timer is created and while RunUntilCompletedAsync advances the clock, so that a timer's recorded due time
    // and the underlying timer's are computed from the same "now": without it, an advance between the two (a busy machine)
    // left a recorded due time in the past that never fired, and the run spun on a zero wait until its deadline.
    private readonly object _advanceGate = new();
    private readonly List<TrackedTimer> _timers = [];
    private readonly List<TimeSpan> _createdDueTimes = [];

    public FakeTimeProvider(DateTimeOffset? start = null)
        : base(start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // The clock is read outside this class's own lock: the underlying clock takes its lock, and fires callbacks (which take this one).
        var tracked = new TrackedTimer(this);
        lock (_advanceGate)
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                _createdDueTimes.Add(dueTime);
                _timers.Add(tracked);
                tracked.Schedule(now, dueTime, period);
            }

            tracked.Inner = CreateInner(tracked, callback, state, dueTime, period);
        }

        return tracked;
    }

    private ITimer CreateInner(TrackedTimer tracked, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(
            static s =>
            {
                var (timer, callback, state) = ((TrackedTimer, TimerCallback, object?))s!;
                timer.Fired();
                callback(state);
            },
            (tracked, callback, state),
            dueTime,
            period);

    /// <summary>Gets the time until the earliest pending timer, or null when none is pending.</summary>
    public TimeSpan? NextDue()
    {
        var now = GetUtcNow();
        lock (_gate)
        {
            var due = _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value).DefaultIfEmpty().Min();
            return due == default ? null : due - now;
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
                    lock (_advanceGate)
                    {
                        Advance(wait);
                    }
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

    /// <summary>A timer of the underlying clock, with its next due time kept for <see cref="NextDue"/>.</summary>
    private sealed class TrackedTimer(FakeTimeProvider owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? DueAt { get; private set; }

        public void Schedule(DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
        }

        public void Fired()
        {
            var now = owner.GetUtcNow();
            lock (owner._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._advanceGate)
            {
                var now = owner.GetUtcNow();
                lock (owner._gate)
                {
                    Schedule(now, dueTime, period);
                }

                return Inner!.Change(dueTime, period);
            }
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
