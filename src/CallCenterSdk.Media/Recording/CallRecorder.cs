using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Wav;

namespace CallCenterSdk.Media.Recording;

/// <summary>
/// Records a call as a two-channel WAV file: caller on the left, agent on the right. Frames are written as they
/// come; every <see cref="CallRecorderOptions.FlushIntervalSeconds"/> of audio the header sizes are rewritten
/// and the data flushed, so if the process dies the file still plays up to the last flushed second.
/// Feed it either pairs of frames (<see cref="WriteFrame"/>) from one clock, or each leg separately through
/// <see cref="CallerSink"/> and <see cref="AgentSink"/>. Not thread-safe: one media clock drives it.
/// </summary>
public sealed class CallRecorder : IDisposable
{
    private readonly WavWriter _writer;
    private readonly CallRecorderOptions _options;
    private readonly short[] _stereo;
    private readonly LegQueue _caller;
    private readonly LegQueue _agent;
    private readonly long _framesPerFlush;
    private long _framesSinceFlush;
    private bool _disposed;

    /// <summary>Creates (or truncates) <paramref name="path"/> and starts recording legs of <paramref name="legFormat"/> (mono).</summary>
    public CallRecorder(string path, AudioFormat legFormat, CallRecorderOptions? options = null)
        : this(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 4096), legFormat, options)
    {
    }

    /// <summary>Records onto <paramref name="stream"/> (which the recorder owns and disposes).</summary>
    public CallRecorder(Stream stream, AudioFormat legFormat, CallRecorderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (legFormat.Channels != 1)
        {
            stream.Dispose();
            throw new ArgumentException("Each call leg is mono; the recording is stereo.", nameof(legFormat));
        }

        _options = options ?? new CallRecorderOptions();
        if (_options.FlushIntervalSeconds <= 0 || _options.MaxSkewFrames <= 0)
        {
            stream.Dispose();
            throw new ArgumentException("FlushIntervalSeconds and MaxSkewFrames must be positive.", nameof(options));
        }

        LegFormat = legFormat;
        _writer = new WavWriter(stream, new AudioFormat(legFormat.SampleRate, 2), _options.Encoding);
        _stereo = new short[legFormat.SamplesPerFrame * 2];
        _framesPerFlush = (long)_options.FlushIntervalSeconds * 1000 / AudioFormat.FrameMilliseconds;
        _caller = new LegQueue(this, legFormat, _options.MaxSkewFrames, isCaller: true);
        _agent = new LegQueue(this, legFormat, _options.MaxSkewFrames, isCaller: false);
    }

    /// <summary>The format of each leg (mono).</summary>
    public AudioFormat LegFormat { get; }

    /// <summary>Stereo sample frames written so far.</summary>
    public long FramesWritten => _writer.FramesWritten;

    /// <summary>What has been recorded, as a duration.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FramesWritten / LegFormat.SampleRate);

    /// <summary>Pushes the caller's audio frame by frame (left channel).</summary>
    public IAudioSink CallerSink => _caller;

    /// <summary>Pushes the agent's audio frame by frame (right channel).</summary>
    public IAudioSink AgentSink => _agent;

    /// <summary>Records one frame of each leg (equal lengths; an empty span records silence for that leg).</summary>
    /// <exception cref="IOException">The write failed (disk full): the error surfaces to the caller.</exception>
    public void WriteFrame(ReadOnlySpan<short> caller, ReadOnlySpan<short> agent)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int samples = Math.Max(caller.Length, agent.Length);
        if ((!caller.IsEmpty && caller.Length != samples) || (!agent.IsEmpty && agent.Length != samples) || samples > LegFormat.SamplesPerFrame)
        {
            throw new ArgumentException($"Caller and agent frames must have the same length of at most {LegFormat.SamplesPerFrame} samples; got {caller.Length} and {agent.Length}.");
        }

        var stereo = _stereo.AsSpan(0, samples * 2);
        for (int i = 0; i < samples; i++)
        {
            stereo[2 * i] = caller.IsEmpty ? (short)0 : caller[i];
            stereo[(2 * i) + 1] = agent.IsEmpty ? (short)0 : agent[i];
        }

        _writer.Write(stereo);
        if (++_framesSinceFlush >= _framesPerFlush)
        {
            Flush();
        }
    }

    /// <summary>Makes the file playable up to now: header sizes rewritten and data handed to the OS (or disk).</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer.Flush(_options.Durable);
        _framesSinceFlush = 0;
    }

    /// <summary>Writes any frames still waiting for the other leg (against silence), finalises and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            while (_caller.Count > 0 || _agent.Count > 0)
            {
                WritePair(forceMissingAsSilence: true);
            }
        }
        finally
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    private void WritePair(bool forceMissingAsSilence)
    {
        if (_caller.Count > 0 && _agent.Count > 0)
        {
            WriteFrame(_caller.Peek(), _agent.Peek());
            _caller.Drop();
            _agent.Drop();
        }
        else if (forceMissingAsSilence && _caller.Count > 0)
        {
            WriteFrame(_caller.Peek(), default);
            _caller.Drop();
        }
        else if (forceMissingAsSilence && _agent.Count > 0)
        {
            WriteFrame(default, _agent.Peek());
            _agent.Drop();
        }
    }

    /// <summary>A fixed ring of frames for one leg, so the two legs can arrive on their own schedule.</summary>
    private sealed class LegQueue(CallRecorder owner, AudioFormat format, int capacity, bool isCaller) : IAudioSink
    {
        private readonly short[][] _frames = [.. Enumerable.Range(0, capacity + 1).Select(_ => new short[format.SamplesPerFrame])];
        private readonly int[] _lengths = new int[capacity + 1];
        private int _head;

        public int Count { get; private set; }

        public AudioFormat Format => format;

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
            ObjectDisposedException.ThrowIf(owner._disposed, owner);
            if (frame.Length > format.SamplesPerFrame)
            {
                throw new ArgumentException($"A {(isCaller ? "caller" : "agent")} frame holds at most {format.SamplesPerFrame} samples; got {frame.Length}.", nameof(frame));
            }

            int slot = (_head + Count) % _frames.Length;
            frame.CopyTo(_frames[slot]);
            _lengths[slot] = frame.Length;
            Count++;
            var other = isCaller ? owner._agent : owner._caller;
            // Pair with the other leg when it has a frame; if this leg runs too far ahead, the other is silent.
            owner.WritePair(forceMissingAsSilence: Count > capacity - 1 && other.Count == 0);
        }

        public ReadOnlySpan<short> Peek() => _frames[_head].AsSpan(0, _lengths[_head]);

        public void Drop()
        {
            _head = (_head + 1) % _frames.Length;
            Count--;
        }
    }
}
