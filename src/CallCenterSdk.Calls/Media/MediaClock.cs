using System.Diagnostics;

namespace CallCenterSdk.Calls.Media;

/// <summary>
/// The one 20 ms clock that drives every leg of a process, as pjmedia's master port does: a dedicated thread
/// wakes on an absolute schedule (no drift), runs the receive, mix and send phases over all clients, and spreads
/// a phase over the cores when there are many clients. A late wake-up runs the missed ticks at once, so sources
/// keep their real rate; beyond <see cref="MaxCatchUpTicks"/> the schedule restarts and the ticks are counted as
/// <see cref="SkippedTicks"/>.
/// </summary>
public sealed class MediaClock : IAsyncDisposable
{
    /// <summary>The tick length: one frame of every stream.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    /// <summary>Ticks run back to back after a stall before the schedule is reset.</summary>
    public const int MaxCatchUpTicks = 10;

    private const int ParallelThreshold = 32;
    private static readonly MediaClockPhase[] Phases = [MediaClockPhase.Receive, MediaClockPhase.Mix, MediaClockPhase.Send];

    private readonly object _gate = new();
    private readonly Thread _thread;
    private readonly int _parallelism;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IMediaClockClient[] _clients = [];
    private volatile bool _stop;
    private long _ticks;
    private long _skipped;
    private long _failures;
    private long _busyTicks;
    private long _start;

    /// <summary>Creates a clock; <see cref="Start"/> begins ticking.</summary>
    /// <param name="parallelism">Threads a phase may use when there are many clients; the processor count by default.</param>
    public MediaClock(int parallelism = 0)
    {
        _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
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

    /// <summary>Time since the clock was created: the time base of every jitter buffer it drives.</summary>
    public TimeSpan Now => Stopwatch.GetElapsedTime(_start);

    /// <summary>The number of clients.</summary>
    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Raised on the clock thread when a client throws.</summary>
    public event Action<IMediaClockClient, Exception>? ClientFailed;

    /// <summary>Starts the clock thread.</summary>
    public void Start()
    {
        _thread.Start();
    }

    /// <summary>Adds a client; it is ticked from the next tick on.</summary>
    public void Add(IMediaClockClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            if (Array.IndexOf(_clients, client) < 0)
            {
                Volatile.Write(ref _clients, [.. _clients, client]);
            }
        }
    }

    /// <summary>Removes a client; a tick already running may still call it once.</summary>
    public void Remove(IMediaClockClient client)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_clients, client);
            if (index >= 0)
            {
                Volatile.Write(ref _clients, [.. _clients.Where((_, i) => i != index)]);
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
    }

    private void Run()
    {
        try
        {
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

                var began = Stopwatch.GetTimestamp();
                Tick(Stopwatch.GetElapsedTime(_start, next));
                Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - began);
                Interlocked.Increment(ref _ticks);
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Tick(TimeSpan now)
    {
        var clients = Volatile.Read(ref _clients);
        foreach (var phase in Phases)
        {
            if (clients.Length < ParallelThreshold || _parallelism == 1)
            {
                foreach (var client in clients)
                {
                    Run(client, phase, now);
                }
            }
            else
            {
                var chunk = (clients.Length + _parallelism - 1) / _parallelism;
                Parallel.For(0, _parallelism, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, part =>
                {
                    var end = Math.Min(clients.Length, (part + 1) * chunk);
                    for (var i = part * chunk; i < end; i++)
                    {
                        Run(clients[i], phase, now);
                    }
                });
            }
        }
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
