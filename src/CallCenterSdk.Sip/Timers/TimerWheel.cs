namespace CallCenterSdk.Sip.Timers;

/// <summary>
/// A hashed timing wheel (Varghese and Lauck) for the RFC 3261 §17 transaction timers: O(1) schedule
/// and cancel, work proportional to the timers due when advanced, entries in one pooled array with a
/// free list so that 100,000 live transactions cost no allocation and little memory.
/// Pure: time is passed in as milliseconds on any monotonic scale; the owner drives <see cref="Advance"/>
/// from a clock. Not thread-safe; the transaction layer serialises access.
/// </summary>
/// <typeparam name="T">What a timer carries back when it fires (for example a transaction and a timer name).</typeparam>
public sealed class TimerWheel<T>
{
    private const int Nil = -1;

    private readonly int _resolutionMs;
    private readonly int _slotMask;
    private readonly int[] _slotHeads;
    private Entry[] _entries;
    private int _freeHead = Nil;
    private int _used;
    private long _currentTick;

    /// <summary>Creates a wheel.</summary>
    /// <param name="startMs">The time the wheel starts at.</param>
    /// <param name="resolutionMs">The tick length; timers fire on the first tick at or after their due time (RFC 3261 T1 is 500 ms, so 10 ms is ample).</param>
    /// <param name="slots">Slots in the wheel, rounded up to a power of two; timers further away than one turn wait extra turns.</param>
    /// <param name="initialCapacity">Entries allocated up front; the pool doubles when exhausted.</param>
    public TimerWheel(long startMs, int resolutionMs = 10, int slots = 4096, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolutionMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _resolutionMs = resolutionMs;
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)slots);
        _slotMask = size - 1;
        _slotHeads = new int[size];
        Array.Fill(_slotHeads, Nil);
        _entries = new Entry[initialCapacity];
        _currentTick = startMs / resolutionMs;
    }

    /// <summary>The number of timers scheduled and not yet fired or cancelled.</summary>
    public int Count { get; private set; }

    /// <summary>Schedules <paramref name="value"/> to fire at <paramref name="dueMs"/> (at once on the next advance if already due).</summary>
    public TimerHandle Schedule(long dueMs, T value)
    {
        var index = Rent();
        ref var entry = ref _entries[index];
        // Round up: a timer never fires before its due time.
        entry.DueTick = Math.Max((dueMs + _resolutionMs - 1) / _resolutionMs, _currentTick + 1);
        entry.Value = value;
        entry.Generation = entry.Generation == int.MaxValue ? 1 : entry.Generation + 1;
        entry.Live = true;
        Link(index, (int)(entry.DueTick & _slotMask));
        Count++;
        return new TimerHandle(index, entry.Generation);
    }

    /// <summary>Cancels a timer. Returns false when it already fired, was cancelled, or the handle is empty.</summary>
    public bool Cancel(TimerHandle handle)
    {
        if (!handle.IsScheduled || (uint)handle.Index >= (uint)_used)
        {
            return false;
        }

        ref var entry = ref _entries[handle.Index];
        if (!entry.Live || entry.Generation != handle.Generation)
        {
            return false;
        }

        Unlink(handle.Index, (int)(entry.DueTick & _slotMask));
        Release(handle.Index);
        Count--;
        return true;
    }

    /// <summary>
    /// Moves the wheel to <paramref name="nowMs"/> and appends every timer now due to <paramref name="expired"/>
    /// in due order per tick. Returns how many fired. The caller reuses the list, so this does not allocate.
    /// </summary>
    public int Advance(long nowMs, ICollection<T> expired)
    {
        ArgumentNullException.ThrowIfNull(expired);
        var targetTick = nowMs / _resolutionMs;
        var fired = 0;
        // A long gap needs at most one full turn: after that every slot has been visited.
        var turns = targetTick - _currentTick;
        if (turns > _slotHeads.Length)
        {
            _currentTick = targetTick - _slotHeads.Length;
        }

        while (_currentTick < targetTick)
        {
            _currentTick++;
            var slot = (int)(_currentTick & _slotMask);
            var index = _slotHeads[slot];
            while (index != Nil)
            {
                ref var entry = ref _entries[index];
                var next = entry.Next;
                if (entry.DueTick <= targetTick)
                {
                    expired.Add(entry.Value);
                    Unlink(index, slot);
                    Release(index);
                    Count--;
                    fired++;
                }

                index = next;
            }
        }

        return fired;
    }

    /// <summary>The due time in ms of the earliest timer, or null when none is scheduled. O(pool size): for idle sleeping, not per packet.</summary>
    public long? NextDueMs()
    {
        long best = long.MaxValue;
        for (var i = 0; i < _used; i++)
        {
            if (_entries[i].Live && _entries[i].DueTick < best)
            {
                best = _entries[i].DueTick;
            }
        }

        return best == long.MaxValue ? null : best * _resolutionMs;
    }

    private int Rent()
    {
        if (_freeHead != Nil)
        {
            var index = _freeHead;
            _freeHead = _entries[index].Next;
            return index;
        }

        if (_used == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return _used++;
    }

    private void Release(int index)
    {
        ref var entry = ref _entries[index];
        entry.Live = false;
        entry.Value = default!;
        entry.Prev = Nil;
        entry.Next = _freeHead;
        _freeHead = index;
    }

    private void Link(int index, int slot)
    {
        ref var entry = ref _entries[index];
        entry.Prev = Nil;
        entry.Next = _slotHeads[slot];
        if (entry.Next != Nil)
        {
            _entries[entry.Next].Prev = index;
        }

        _slotHeads[slot] = index;
    }

    private void Unlink(int index, int slot)
    {
        ref var entry = ref _entries[index];
        if (entry.Prev != Nil)
        {
            _entries[entry.Prev].Next = entry.Next;
        }
        else
        {
            _slotHeads[slot] = entry.Next;
        }

        if (entry.Next != Nil)
        {
            _entries[entry.Next].Prev = entry.Prev;
        }
    }

    private struct Entry
    {
        public long DueTick;
        public T Value;
        public int Next;
        public int Prev;
        public int Generation;
        public bool Live;
    }
}
