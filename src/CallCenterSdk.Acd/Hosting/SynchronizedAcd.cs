namespace CallCenterSdk.Acd.Hosting;

/// <summary>
/// The thin shell that makes the pure <see cref="AcdEngine"/> usable from many threads: every call runs
/// under one lock, a <see cref="TimeProvider"/> timer calls <see cref="AcdEngine.Advance"/> when the next
/// action is due, and events are delivered to the subscribers after the engine lock is released (a
/// subscriber may call straight back in). Deliveries are serialized, in engine order.
/// </summary>
public sealed class SynchronizedAcd : IDisposable
{
    private readonly object _engineLock = new();
    private readonly object _deliveryLock = new();
    private readonly Queue<AcdEvent> _undelivered = new();
    private readonly List<IAcdEventSink> _sinks = [];
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Buffer _buffer;
    private bool _disposed;

    /// <summary>Wraps an engine (which must not be used directly any more) on the given clock.</summary>
    public SynchronizedAcd(AcdEngine engine, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        Engine = engine;
        _time = time;
        _buffer = new Buffer(_undelivered);
        engine.Subscribe(_buffer);
        _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private AcdEngine Engine { get; }

    /// <summary>Adds a subscriber; it is called outside the engine lock.</summary>
    public void Subscribe(IAcdEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_deliveryLock)
        {
            _sinks.Add(sink);
        }
    }

    /// <summary>Runs an operation on the engine under the lock, re-arms the timer, then delivers the events.</summary>
    public T Execute<T>(Func<AcdEngine, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        T result;
        lock (_engineLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            result = operation(Engine);
            Rearm();
        }

        Deliver();
        return result;
    }

    /// <summary>Runs an operation with no result.</summary>
    public void Execute(Action<AcdEngine> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Execute(e =>
        {
            operation(e);
            return 0;
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_engineLock)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Tick()
    {
        lock (_engineLock)
        {
            if (_disposed)
            {
                return;
            }

            Engine.Advance();
            Rearm();
        }

        Deliver();
    }

    private void Rearm()
    {
        var due = Engine.NextDueTime;
        if (due is { } at)
        {
            var delay = at - _time.GetUtcNow();
            _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Deliver()
    {
        lock (_deliveryLock)
        {
            while (true)
            {
                AcdEvent next;
                lock (_engineLock)
                {
                    if (!_undelivered.TryDequeue(out next))
                    {
                        return;
                    }
                }

                foreach (var sink in _sinks)
                {
                    sink.OnEvent(next);
                }
            }
        }
    }

    /// <summary>Collects events inside the engine lock for delivery after it.</summary>
    private sealed class Buffer(Queue<AcdEvent> queue) : IAcdEventSink
    {
        public void OnEvent(in AcdEvent acdEvent) => queue.Enqueue(acdEvent);
    }
}
