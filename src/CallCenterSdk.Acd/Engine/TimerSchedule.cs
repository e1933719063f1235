namespace CallCenterSdk.Acd.Engine;

/// <summary>Due actions ordered by (due time, insertion order), so equal times fire deterministically.</summary>
internal sealed class TimerSchedule
{
    private readonly PriorityQueue<TimerEntry, (long Due, long Order)> _heap = new(64);
    private long _order;

    public int Count => _heap.Count;

    public void Add(long dueTicks, TimerEntry entry) => _heap.Enqueue(entry, (dueTicks, _order++));

    public bool TryPeekDue(out long dueTicks)
    {
        if (_heap.TryPeek(out _, out var priority))
        {
            dueTicks = priority.Due;
            return true;
        }

        dueTicks = 0;
        return false;
    }

    public bool TryTakeDue(long nowTicks, out TimerEntry entry)
    {
        if (_heap.TryPeek(out entry, out var priority) && priority.Due <= nowTicks)
        {
            _heap.Dequeue();
            return true;
        }

        entry = default;
        return false;
    }
}
