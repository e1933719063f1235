using CallCenterSdk.Ivr.Channel;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// Digits the caller has typed and the engine has not consumed yet (type-ahead), plus one waiter. Timeouts
/// use the session's <see cref="TimeProvider"/>; completions happen outside the lock (pjmedia's lesson).
/// Completions run the waiting flow inline, so a fake clock's Advance drives the flow deterministically.
/// </summary>
internal sealed class DigitBuffer : IDisposable
{
    private const int Capacity = 64;
    private readonly ICallChannel _channel;
    private readonly TimeProvider _time;
    private readonly Action<DtmfReceivedEventArgs> _onDigit;
    private readonly Queue<char> _digits = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource<char?>? _waiter;
    private Action? _listener;

    public DigitBuffer(ICallChannel channel, TimeProvider time, Action<DtmfReceivedEventArgs> onDigit)
    {
        _channel = channel;
        _time = time;
        _onDigit = onDigit;
        channel.DtmfReceived += OnDtmf;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _digits.Count;
            }
        }
    }

    /// <summary>Sets the action run on every digit (barge-in); returns a handle that removes it.</summary>
    public IDisposable OnDigit(Action listener)
    {
        lock (_lock)
        {
            _listener = listener;
        }

        return new Removal(this, listener);
    }

    public bool TryRead(out char digit)
    {
        lock (_lock)
        {
            return _digits.TryDequeue(out digit);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _digits.Clear();
        }
    }

    /// <summary>The next digit, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async ValueTask<char?> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<char?> waiter;
        lock (_lock)
        {
            if (_digits.TryDequeue(out char ready))
            {
                return ready;
            }

            waiter = new TaskCompletionSource<char?>();
            _waiter = waiter;
        }

        using var timer = _time.CreateTimer(static s => ((TaskCompletionSource<char?>)s!).TrySetResult(null), waiter, timeout, Timeout.InfiniteTimeSpan);
        using var registration = cancellationToken.Register(static s =>
        {
            var (w, token) = ((TaskCompletionSource<char?>, CancellationToken))s!;
            w.TrySetCanceled(token);
        }, (waiter, cancellationToken));
        try
        {
            return await waiter.Task.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                if (_waiter == waiter)
                {
                    _waiter = null;
                }
            }
        }
    }

    public void Dispose() => _channel.DtmfReceived -= OnDtmf;

    private void OnDtmf(object? sender, DtmfReceivedEventArgs e)
    {
        _onDigit(e);
        TaskCompletionSource<char?>? waiter;
        Action? listener;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            listener = _listener;
            if (waiter is null && _digits.Count < Capacity)
            {
                _digits.Enqueue(e.Digit);
            }
        }

        if (waiter is not null && !waiter.TrySetResult(e.Digit))
        {
            // The waiter had just timed out: keep the digit as type-ahead.
            lock (_lock)
            {
                _digits.Enqueue(e.Digit);
            }
        }

        listener?.Invoke();
    }

    private sealed class Removal(DigitBuffer owner, Action listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                if (owner._listener == listener)
                {
                    owner._listener = null;
                }
            }
        }
    }
}
