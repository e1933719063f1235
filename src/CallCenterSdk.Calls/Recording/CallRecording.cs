using System.Buffers;
using System.Threading.Channels;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Recording;

namespace CallCenterSdk.Calls.Recording;

/// <summary>
/// Records two legs (a bridged caller and agent, or any pair) as a two-channel WAV through <see cref="CallRecorder"/>:
/// the first leg on the left, the second on the right. It can start and stop at any moment of the call and pause in
/// between (paused time is left out of the file). What each leg hears from its peer is tapped after the jitter buffer,
/// resampled to one rate, and paired frame by frame on the <see cref="MediaClock"/>'s mix phase, so the file's length is
/// the time recorded; the file is written off the clock thread, so a slow disk drops frames (<see cref="DroppedFrames"/>)
/// rather than delaying anyone's audio.
/// </summary>
public sealed class CallRecording : IMediaClockClient, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly MediaClock _clock;
    private readonly CallRecordingOptions _options;
    private readonly RecordedLeg _first;
    private readonly RecordedLeg _second;
    private readonly CallRecorder _recorder;
    private readonly Channel<short[]> _queue;
    private readonly Task _writer;
    private readonly int _frameSamples;
    private Task? _stopping;
    private bool _paused;
    private bool _stopped;
    private long _frames;
    private long _dropped;

    private CallRecording(MediaClock clock, CallLeg first, CallLeg second, CallRecorder recorder, CallRecordingOptions options)
    {
        _clock = clock;
        _options = options;
        _recorder = recorder;
        Format = recorder.LegFormat;
        _frameSamples = Format.SamplesPerFrame;
        _queue = System.Threading.Channels.Channel.CreateBounded<short[]>(new BoundedChannelOptions(options.WriteQueueFrames) { SingleReader = true, SingleWriter = true });
        _first = new RecordedLeg(first, Format);
        _second = new RecordedLeg(second, Format);
        _writer = Task.Run(WriteLoopAsync);
        clock.Add(this);
        first.Ended += OnLegEnded;
        second.Ended += OnLegEnded;
        if (first.State == CallLegState.Ended || second.State == CallLegState.Ended)
        {
            OnLegEnded(first, first.EndCause ?? second.EndCause!);
        }
    }

    /// <summary>The format of each channel of the file.</summary>
    public AudioFormat Format { get; }

    /// <summary>The leg on the left channel.</summary>
    public CallLeg First => _first.Leg;

    /// <summary>The leg on the right channel.</summary>
    public CallLeg Second => _second.Leg;

    /// <summary>True while paused.</summary>
    public bool IsPaused
    {
        get { lock (_gate) { return _paused; } }
    }

    /// <summary>True once stopped (by <see cref="StopAsync"/> or because a leg ended).</summary>
    public bool IsStopped
    {
        get { lock (_gate) { return _stopped; } }
    }

    /// <summary>Time recorded so far (20 ms per clock tick while recording, paused time excluded).</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Interlocked.Read(ref _frames) * MediaClock.Period.Ticks);

    /// <summary>Frames the writer could not keep up with and that were left out of the file.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Completes when the file is closed; faults with the write error (disk full) if writing failed.</summary>
    public Task Completion
    {
        get { lock (_gate) { return _stopping ?? _writer; } }
    }

    /// <summary>Starts recording <paramref name="first"/> (left) and <paramref name="second"/> (right) into <paramref name="path"/> (created or truncated).</summary>
    /// <param name="clock">The media clock of the legs (<see cref="CallEngine.Clock"/>).</param>
    /// <param name="first">The caller, usually.</param>
    /// <param name="second">The agent or far end.</param>
    /// <param name="path">The WAV file.</param>
    /// <param name="options">Rate, encoding and flushing.</param>
    /// <exception cref="ArgumentException">The same leg twice, or a sample rate that is not positive.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public static CallRecording Start(MediaClock clock, CallLeg first, CallLeg second, string path, CallRecordingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (format, resolved) = Validate(clock, first, second, options);
        return new CallRecording(clock, first, second, new CallRecorder(path, format, resolved.Recorder), resolved);
    }

    /// <summary>Starts recording the two legs onto <paramref name="stream"/>, which the recording owns and closes when stopped.</summary>
    /// <exception cref="ArgumentException">The same leg twice, or a sample rate that is not positive.</exception>
    public static CallRecording Start(MediaClock clock, CallLeg first, CallLeg second, Stream stream, CallRecordingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (format, resolved) = Validate(clock, first, second, options);
        return new CallRecording(clock, first, second, new CallRecorder(stream, format, resolved.Recorder), resolved);
    }

    /// <summary>Starts recording a bridge: its first leg on the left, its second on the right.</summary>
    public static CallRecording Start(MediaClock clock, Bridge bridge, string path, CallRecordingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        return Start(clock, bridge.First, bridge.Second, path, options);
    }

    /// <summary>Stops adding audio until <see cref="Resume"/>; the paused time is not in the file.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    /// <summary>Adds audio again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _paused = false;
        }
    }

    /// <summary>Stops recording and closes the file (a valid WAV up to the last frame); throws the write error if one occurred.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_stopping is null)
            {
                _stopped = true;
                _queue.Writer.TryComplete();
                _stopping = CloseAsync();
            }

            return _stopping;
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public void OnTick(MediaClockPhase phase, TimeSpan now)
    {
        if (phase != MediaClockPhase.Mix)
        {
            return;
        }

        // Every leg's receive phase of this tick has run: each pipe holds this tick's frame (or nothing: silence).
        var stereo = ArrayPool<short>.Shared.Rent(_frameSamples * 2);
        var left = ArrayPool<short>.Shared.Rent(_frameSamples);
        var right = ArrayPool<short>.Shared.Rent(_frameSamples);
        try
        {
            var l = left.AsSpan(0, _frameSamples);
            var r = right.AsSpan(0, _frameSamples);
            _first.Read(l);
            _second.Read(r);
            for (var i = 0; i < _frameSamples; i++)
            {
                stereo[2 * i] = l[i];
                stereo[(2 * i) + 1] = r[i];
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(left);
            ArrayPool<short>.Shared.Return(right);
        }

        lock (_gate)
        {
            if (_stopped || _paused)
            {
                ArrayPool<short>.Shared.Return(stereo);
                return;
            }

            if (_queue.Writer.TryWrite(stereo))
            {
                Interlocked.Increment(ref _frames);
                return;
            }
        }

        Interlocked.Increment(ref _dropped);
        ArrayPool<short>.Shared.Return(stereo);
    }

    private static (AudioFormat Format, CallRecordingOptions Options) Validate(MediaClock clock, CallLeg first, CallLeg second, CallRecordingOptions? options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (ReferenceEquals(first, second))
        {
            throw new ArgumentException("The two channels need two different legs.", nameof(second));
        }

        var resolved = options ?? new CallRecordingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(resolved.WriteQueueFrames, 1, nameof(options));
        var rate = resolved.SampleRate ?? Math.Max(first.Media.Format.SampleRate, second.Media.Format.SampleRate);
        if (rate <= 0 || rate % 50 != 0)
        {
            throw new ArgumentException($"A recording rate must be positive and hold whole 20 ms frames; got {rate}.", nameof(options));
        }

        return (new AudioFormat(rate), resolved);
    }

    private void OnLegEnded(CallLeg leg, CallEndCause cause)
    {
        if (_options.StopWhenLegEnds)
        {
            _ = StopAsync();
        }
    }

    private async Task CloseAsync()
    {
        _clock.Remove(this);
        First.Ended -= OnLegEnded;
        Second.Ended -= OnLegEnded;
        _first.Dispose();
        _second.Dispose();
        try
        {
            await _writer.ConfigureAwait(false);
        }
        finally
        {
            _recorder.Dispose();
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var samples = _frameSamples;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var stereo))
                {
                    try
                    {
                        WriteStereo(stereo.AsSpan(0, samples * 2));
                    }
                    finally
                    {
                        ArrayPool<short>.Shared.Return(stereo);
                    }
                }
            }
        }
        catch
        {
            // Stop taking frames: the error surfaces through StopAsync and Completion.
            lock (_gate)
            {
                _stopped = true;
                _queue.Writer.TryComplete();
            }

            while (reader.TryRead(out var stereo))
            {
                ArrayPool<short>.Shared.Return(stereo);
            }

            throw;
        }
    }

    private void WriteStereo(ReadOnlySpan<short> stereo)
    {
        // CallRecorder takes the two legs' frames; split the interleaved pair back (small, on the writer thread).
        Span<short> left = stackalloc short[_frameSamples];
        Span<short> right = stackalloc short[_frameSamples];
        for (var i = 0; i < _frameSamples; i++)
        {
            left[i] = stereo[2 * i];
            right[i] = stereo[(2 * i) + 1];
        }

        _recorder.WriteFrame(left, right);
    }

    /// <summary>One leg's tap into a pipe at the recording's rate, re-tapped when a re-INVITE changes the leg's codec rate.</summary>
    private sealed class RecordedLeg : IDisposable
    {
        private readonly object _gate = new();
        private readonly AudioPipe _pipe;
        private IDisposable? _tap;
        private int _tappedRate;
        private bool _disposed;

        public RecordedLeg(CallLeg leg, AudioFormat format)
        {
            Leg = leg;
            _pipe = new AudioPipe(format, capacity: 5);
            Leg.Media.Negotiated += OnNegotiated;
            Tap();
        }

        public CallLeg Leg { get; }

        public void Read(Span<short> frame)
        {
            var n = _pipe.ReadFrame(frame);
            frame[Math.Max(0, n)..].Clear();
        }

        public void Dispose()
        {
            Leg.Media.Negotiated -= OnNegotiated;
            lock (_gate)
            {
                _disposed = true;
                _tap?.Dispose();
                _tap = null;
            }

            _pipe.Close();
        }

        private void OnNegotiated(MediaSession media)
        {
            if (media.Format.SampleRate != Volatile.Read(ref _tappedRate))
            {
                Tap();
            }
        }

        private void Tap()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                // MediaSession.Listen puts a resampler in front of the pipe when the leg's rate differs from the file's.
                _tap?.Dispose();
                Volatile.Write(ref _tappedRate, Leg.Media.Format.SampleRate);
                _tap = Leg.Listen(_pipe);
            }
        }
    }
}
