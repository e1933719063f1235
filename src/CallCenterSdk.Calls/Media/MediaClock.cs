using System.Diagnostics;
using CallCenterSdk.Media.Threading;

namespace CallCenterSdk.Calls.Media;

/// <summary>
/// The one 20 ms clock that drives every leg of a process, as pjmedia's master port does: a dedicated thread
/// wakes on an absolute schedule (no drift) and runs the receive, mix and send phases over all clients. A late
/// wake-up runs the missed ticks at once, so sources keep their real rate; beyond <see cref="MaxCatchUpTicks"/> the
/// schedule restarts and the ticks are counted as <see cref="SkippedTicks"/>.
/// </summary>
/// <remarks>
/// Light ticks (relayed legs cost a fraction of a microsecond each) run on the clock thread alone: handing them to
/// other threads costs more than it saves and makes the tick wait for a core. When a tick on one thread takes more
/// than <see cref="SpreadAbove"/> three times in a row (transcoding: an Opus encode is tens of microseconds per leg), the phases are cut
/// into small chunks that the clock thread and parallelism - 1 worker threads of its own take in turn, so a worker that
/// does not get a core soon only leaves more chunks to the clock thread instead of holding the tick back. While spread,
/// one tick a second runs on the clock thread alone as a probe: a spread tick's wall time includes waiting for the
/// workers to get a core (busy with socket completions under load), so only the probe says whether the work still needs the cores,
/// and ticks go back to one thread when it does not.
/// </remarks>
public sealed class MediaClock : IAsyncDisposable
{
    /// <summary>The tick length: one frame of every stream.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    /// <summary>Ticks run back to back after a stall before the schedule is reset.</summary>
    public const int MaxCatchUpTicks = 10;

    /// <summary>The tick time on one thread above which ticks are spread over cores.</summary>
    public static readonly TimeSpan SpreadAbove = TimeSpan.FromMilliseconds(4);

    private const int MinClientsToSpread = 32;
    private const int ChunksPerThread = 8;
    private const int ProbeEvery = 50;
    private static readonly MediaClockPhase[] Phases = [MediaClockPhase.Receive, MediaClockPhase.Mix, MediaClockPhase.Send];

    private readonly object _gate = new();
    private readonly Thread _thread;
    private readonly int _parallelism;
    private readonly int? _nice;
    private readonly ManualResetEventSlim _running = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Clients live in a list with an index for O(1) removal; the clock thread copies them into a snapshot it reuses,
    // only when they changed. (A copy-on-write array cost an allocation of the whole set per call set-up and hang-up:
    // 9 KB per change at 1,000 legs, a sizeable share of what calls allocated.)
    private readonly List<IMediaClockClient> _clients = [];
    private readonly Dictionary<IMediaClockClient, int> _indexes = new(ReferenceEqualityComparer.Instance);
    private IMediaClockClient[] _snapshot = [];
    private int _snapshotCount;
    private int _version;
    private int _snapshotVersion;
    private volatile bool _stop;
    private long _ticks;
    private long _skipped;
    private long _failures;
    private long _busyTicks;
    private long _start;
    private long _spreadTicks;
    private bool _spread;
    private MediaClockWorkers? _workers;
    private int _heavyInARow;

    /// <summary>Creates a clock; <see cref="Start"/> begins ticking.</summary>
    /// <param name="parallelism">Threads a phase may use when there are many clients; the processor count by default.</param>
    /// <param name="nice">
    /// The Linux nice value of the clock's threads (-20 to 19), null to leave them at the process's: a tick that waits for
    /// a core behind other work is late audio. See <see cref="PriorityError"/>.
    /// </param>
    public MediaClock(int parallelism = 0, int? nice = null)
    {
        if (nice is < -20 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(nice), nice, "A nice value is between -20 and 19.");
        }

        _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        _nice = nice;
        _start = Stopwatch.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = "CallCenterSdk media clock", Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>Ticks run so far.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Ticks dropped because the clock fell more than <see cref="MaxCatchUpTicks"/> behind.</summary>
    public long SkippedTicks => Interlocked.Read(ref _skipped);

    /// <summary>Exceptions thrown by clients (the client is kept; the exception is reported through <see cref="ClientFailed"/>).</summary>
    public long ClientFailures => Interlocked.Read(ref _failures);

    /// <summary>Time spent inside ticks, in <see cref="Stopwatch"/> ticks: divide by elapsed time for the clock's load.</summary>
    public long BusyStopwatchTicks => Interlocked.Read(ref _busyTicks);

    /// <summary>Ticks whose phases were spread over several threads (see the remarks on the class).</summary>
    public long SpreadTicks => Interlocked.Read(ref _spreadTicks);

    /// <summary>Time since the clock was created: the time base of every jitter buffer it drives.</summary>
    public TimeSpan Now => Stopwatch.GetElapsedTime(_start);

    /// <summary>
    /// Why the clock's threads could not be given the nice value asked for (null when they were, or none was asked):
    /// lowering it needs CAP_SYS_NICE, and it is a Linux notion. Known once <see cref="Start"/> has returned.
    /// </summary>
    public string? PriorityError { get; private set; }

    /// <summary>The clock thread's kernel thread id on Linux (0 before it starts or elsewhere).</summary>
    internal int NativeThreadId { get; private set; }

    /// <summary>The number of clients.</summary>
    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Raised on the clock thread when a client throws.</summary>
    public event Action<IMediaClockClient, Exception>? ClientFailed;

    /// <summary>Starts the clock thread.</summary>
    public void Start()
    {
        _thread.Start();
        _running.Wait();
    }

    /// <summary>Adds a client; it is ticked from the next tick on.</summary>
    public void Add(IMediaClockClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            if (_indexes.TryAdd(client, _clients.Count))
            {
                _clients.Add(client);
                _version++;
            }
        }
    }

    /// <summary>Removes a client; a tick already running may still call it once.</summary>
    public void Remove(IMediaClockClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            if (_indexes.Remove(client, out var index))
            {
                // The last client takes the removed one's place: the order of clients within a phase is not kept.
                var last = _clients.Count - 1;
                if (index != last)
                {
                    _clients[index] = _clients[last];
                    _indexes[_clients[index]] = index;
                }

                _clients.RemoveAt(last);
                _version++;
            }
        }
    }

    /// <summary>Stops the clock thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop = true;
        if (_thread.IsAlive)
        {
            await _stopped.Task.ConfigureAwait(false);
        }

        _running.Dispose();
    }

    private void Run()
    {
        try
        {
            NativeThreadId = ThreadNice.CurrentThreadId();
            if (_nice is { } nice)
            {
                PriorityError = ThreadNice.TrySetCurrent(nice);
            }

            _running.Set();
            var period = (long)(Period.TotalSeconds * Stopwatch.Frequency);
            var next = Stopwatch.GetTimestamp();
            while (!_stop)
            {
                next += period;
                var wait = next - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }
                else if (-wait > period * MaxCatchUpTicks)
                {
                    var behind = -wait / period;
                    Interlocked.Add(ref _skipped, behind);
                    next += behind * period;
                }

                // A spread tick's wall time says little about its work (it also waits for the workers to get a core, busy
                // with sockets), so every ProbeEvery-th tick runs on this thread alone and decides whether to stay spread.
                var spread = _spread && Interlocked.Read(ref _ticks) % ProbeEvery != 0;
                var began = Stopwatch.GetTimestamp();
                Tick(Stopwatch.GetElapsedTime(_start, next), spread);
                var took = Stopwatch.GetTimestamp() - began;
                Interlocked.Add(ref _busyTicks, took);
                if (!spread)
                {
                    // Three heavy ticks in a row, so that one tick stretched by a preemption does not spread the next.
                    var heavy = took > (long)(SpreadAbove.TotalSeconds * Stopwatch.Frequency);
                    _heavyInARow = heavy ? _heavyInARow + 1 : 0;
                    _spread = _spread ? heavy : _heavyInARow >= 3;
                }
                Interlocked.Increment(ref _ticks);
            }
        }
        finally
        {
            _workers?.Dispose();
            _stopped.TrySetResult();
        }
    }

    private void Tick(TimeSpan now, bool spreadWanted)
    {
        var clients = RefreshSnapshot();
        var spread = spreadWanted && _parallelism > 1 && clients.Count >= MinClientsToSpread;
        if (spread)
        {
            Interlocked.Increment(ref _spreadTicks);
        }

        foreach (var phase in Phases)
        {
            if (!spread)
            {
                foreach (var client in clients)
                {
                    Run(client, phase, now);
                }

                continue;
            }

            // Started the first time a tick is spread: most clocks (a test's, a small host's) never need them.
            _workers ??= new MediaClockWorkers(_parallelism - 1, Run, _nice);
            _workers.Run(clients, phase, now, _parallelism * ChunksPerThread);
        }
    }

    /// <summary>The clients as of now, in a buffer the clock thread reuses (only it calls this).</summary>
    private ArraySegment<IMediaClockClient> RefreshSnapshot()
    {
        if (Volatile.Read(ref _version) != _snapshotVersion)
        {
            lock (_gate)
            {
                if (_snapshot.Length < _clients.Count)
                {
                    _snapshot = new IMediaClockClient[Math.Max(_clients.Count, _snapshot.Length * 2)];
                }

                _clients.CopyTo(_snapshot);
                // Drop references to removed clients so that ended sessions can be collected.
                _snapshot.AsSpan(_clients.Count, Math.Max(0, _snapshotCount - _clients.Count)).Clear();
                _snapshotCount = _clients.Count;
                _snapshotVersion = _version;
            }
        }

        return new ArraySegment<IMediaClockClient>(_snapshot, 0, _snapshotCount);
    }

    private void Run(IMediaClockClient client, MediaClockPhase phase, TimeSpan now)
    {
        try
        {
            client.OnTick(phase, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failures);
            ClientFailed?.Invoke(client, e);
        }
    }
}
