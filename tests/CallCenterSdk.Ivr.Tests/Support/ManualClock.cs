namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>
/// A manual <see cref="TimeProvider"/> for load tests: timers sit in a priority queue, so advancing past
/// tens of thousands of them costs O(log n) each (FakeTimeProvider scans every timer on every wake-up,
/// which is fine for one call but quadratic for ten thousand). Callbacks run on the advancing thread.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly PriorityQueue<(Entry Timer, long Version), (long Due, long Sequence)> _queue = new();
    private readonly Lock _lock = new();
    private long _now = start.UtcTicks;
    private long _sequence;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _now), TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Entry(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan delta)
    {
        long target = Interlocked.Read(ref _now) + delta.Ticks;
        while (true)
        {
            Entry? due = null;
            lock (_lock)
            {
                while (_queue.TryPeek(out var item, out var priority) && priority.Due <= target)
                {
                    _queue.Dequeue();
                    if (item.Version == item.Timer.Version && !item.Timer.Disposed)
                    {
                        _now = Math.Max(_now, priority.Due);
                        due = item.Timer;
                        if (due.Period > 0)
                        {
                            Schedule(due, _now + due.Period);
                        }

                        break;
                    }
                }
            }

            if (due is null)
            {
                break;
            }

            due.Callback(due.State);
        }

        Interlocked.Exchange(ref _now, target);
    }

    private void Schedule(Entry timer, long due) => _queue.Enqueue((timer, timer.Version), (due, _sequence++));

    private sealed class Entry(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public long Version { get; private set; }

        public long Period { get; private set; }

        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                if (Disposed)
                {
                    return false;
                }

                Version++;
                Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock.Schedule(this, clock._now + dueTime.Ticks);
                }

                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                Disposed = true;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
