using CallCenterSdk.Media.Audio;

namespace CallCenterSdk.Calls.Media;

/// <summary>
/// Carries frames from one leg's receive phase to another leg's send phase (a bridge direction, a monitor's
/// ear): a sink on one end, a source on the other, holding at most <see cref="Capacity"/> frames. When full the
/// oldest frame is dropped; when empty it reads as silence, so a stalled producer never stalls the consumer.
/// Thread-safe for one writer and one reader. Does not allocate after construction.
/// </summary>
public sealed class AudioPipe : IAudioSink, IAudioSource
{
    private readonly object _gate = new();
    private readonly short[] _frames;
    private readonly int _frameSamples;
    private int _head;
    private int _count;
    private long _overruns;
    private long _underruns;

    /// <summary>Creates a pipe for frames of <paramref name="format"/>.</summary>
    /// <param name="format">The frame format at both ends.</param>
    /// <param name="capacity">Frames held before the oldest is dropped (3 = 60 ms).</param>
    public AudioPipe(AudioFormat format, int capacity = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Format = format;
        Capacity = capacity;
        _frameSamples = format.SamplesPerFrame;
        _frames = new short[_frameSamples * capacity];
    }

    /// <inheritdoc cref="IAudioSink.Format" />
    public AudioFormat Format { get; }

    /// <summary>Frames held before the oldest is dropped.</summary>
    public int Capacity { get; }

    /// <summary>Frames held now.</summary>
    public int Count
    {
        get { lock (_gate) { return _count; } }
    }

    /// <summary>Frames dropped because the reader fell behind.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Reads that found the pipe empty (and returned silence).</summary>
    public long Underruns => Interlocked.Read(ref _underruns);

    /// <summary>False once <see cref="Close"/> is called: reads then report the end of the source.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>Ends the source: readers get 0 samples from now on.</summary>
    public void Close()
    {
        lock (_gate)
        {
            IsOpen = false;
            _count = 0;
        }
    }

    /// <inheritdoc />
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            if (!IsOpen)
            {
                return;
            }

            if (_count == Capacity)
            {
                _head = (_head + 1) % Capacity;
                _count--;
                Interlocked.Increment(ref _overruns);
            }

            var slot = _frames.AsSpan(((_head + _count) % Capacity) * _frameSamples, _frameSamples);
            var n = Math.Min(frame.Length, _frameSamples);
            frame[..n].CopyTo(slot);
            slot[n..].Clear();
            _count++;
        }
    }

    /// <inheritdoc />
    public int ReadFrame(Span<short> frame)
    {
        var n = Math.Min(frame.Length, _frameSamples);
        lock (_gate)
        {
            if (!IsOpen)
            {
                return 0;
            }

            if (_count == 0)
            {
                Interlocked.Increment(ref _underruns);
                frame[..n].Clear();
                return n;
            }

            _frames.AsSpan(_head * _frameSamples, n).CopyTo(frame);
            _head = (_head + 1) % Capacity;
            _count--;
            return n;
        }
    }
}
