using CallCenterSdk.Media.Threading;

namespace CallCenterSdk.Calls.Media;

/// <summary>
/// The threads a <see cref="MediaClock"/> spreads a heavy phase over: dedicated threads that sleep on a monitor between
/// phases, not thread-pool work items. (Parallel.For woke pool threads for each of the 150 phases a second, and the
/// pool's threads then spun in their semaphore waiting for more work, on cores the media needed; it also allocated its
/// replicas and closures on every phase.)
/// </summary>
/// <remarks>
/// A phase is cut into chunks; the clock thread and the workers claim chunks one at a time, so a worker that does not get
/// a core soon only leaves more chunks to the others. A claim carries the phase's generation, so a worker that wakes up
/// late never runs a chunk of a phase that has already been completed; the clock thread returns once every chunk of its
/// phase has run.
/// </remarks>
internal sealed class MediaClockWorkers : IDisposable
{
    private readonly object _gate = new();
    private readonly Thread[] _threads;
    private readonly Action<IMediaClockClient, MediaClockPhase, TimeSpan> _run;
    private readonly int? _nice;
    private Phase _current;

    // The generation (high 32 bits) and the next chunk to claim (low 32 bits), so that one compare-exchange claims a chunk
    // of the current phase only.
    private long _claim;
    private int _completed;
    private int _generation;
    private bool _stop;

    /// <summary>Starts <paramref name="threads"/> worker threads that run <paramref name="run"/> for the clients of a chunk.</summary>
    /// <param name="threads">How many.</param>
    /// <param name="run">Runs one client's phase.</param>
    /// <param name="nice">The clock's nice value for them too (a failure was reported by the clock thread already).</param>
    public MediaClockWorkers(int threads, Action<IMediaClockClient, MediaClockPhase, TimeSpan> run, int? nice)
    {
        _run = run;
        _nice = nice;
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"CallCenterSdk media clock worker {i + 1}", Priority = ThreadPriority.AboveNormal };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="phase"/> over <paramref name="clients"/> in <paramref name="chunks"/> chunks on the calling thread and the workers.</summary>
    public void Run(ArraySegment<IMediaClockClient> clients, MediaClockPhase phase, TimeSpan now, int chunks)
    {
        chunks = Math.Clamp(chunks, 1, Math.Max(1, clients.Count));
        Phase work;
        lock (_gate)
        {
            Volatile.Write(ref _completed, 0);
            work = _current = new Phase(++_generation, clients, phase, now, chunks, (clients.Count + chunks - 1) / chunks);
            Volatile.Write(ref _claim, (long)work.Generation << 32);
            Monitor.PulseAll(_gate);
        }

        RunChunks(work);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _completed) < chunks)
        {
            // The chunks still out are being run by workers that claimed them; they are short.
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stop = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Work()
    {
        if (_nice is { } nice)
        {
            _ = ThreadNice.TrySetCurrent(nice);
        }

        var seen = 0;
        while (true)
        {
            Phase work;
            lock (_gate)
            {
                while (!_stop && _generation == seen)
                {
                    Monitor.Wait(_gate);
                }

                if (_stop)
                {
                    return;
                }

                seen = _generation;
                work = _current;
            }

            RunChunks(work);
        }
    }

    // A phase's parameters are taken with its generation, under the lock: a worker that wakes late must not pair an
    // old generation's claim with the next phase's chunk count.
    private void RunChunks(in Phase work)
    {
        var (generation, clients, phase, now, chunkCount, chunkSize) = work;
        while (true)
        {
            var claim = Volatile.Read(ref _claim);
            var chunk = (int)(claim & 0xFFFF_FFFF);
            if ((int)(claim >> 32) != generation || chunk >= chunkCount)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
            {
                continue;
            }

            var end = Math.Min(clients.Count, (chunk + 1) * chunkSize);
            for (var i = chunk * chunkSize; i < end; i++)
            {
                _run(clients[i], phase, now);
            }

            Interlocked.Increment(ref _completed);
        }
    }

    private readonly record struct Phase(int Generation, ArraySegment<IMediaClockClient> Clients, MediaClockPhase Kind, TimeSpan Now, int ChunkCount, int ChunkSize);
}
