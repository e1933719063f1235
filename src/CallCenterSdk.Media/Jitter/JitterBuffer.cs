using System.Buffers;
using System.Numerics;
using CallCenterSdk.Media.Codecs;
using CallCenterSdk.Media.Plc;
using CallCenterSdk.Media.TimeScale;

namespace CallCenterSdk.Media.Jitter;

/// <summary>
/// Adaptive jitter buffer for one received RTP stream: packets go in as they arrive (any order, duplicates,
/// late, wrapped sequence numbers and timestamps, SSRC changes), and fixed 20 ms PCM frames come out on the
/// playout clock, each tagged with what it is made of (<see cref="JitterFrameKind"/>).
/// </summary>
/// <remarks>
/// <para>Design (after WebRTC NetEQ): a ring of packet slots indexed by extended sequence number with payloads
/// copied into one pooled slab; a queue of decoded samples ahead of the output; a
/// relative-delay estimator (see <c>RelativeDelayEstimator</c>) giving the target delay. Playback delay is
/// measured for the sample at the head of the output as <c>now - (mediaTime + reference)</c>.</para>
/// <para>The target is a deadline the playout clock can realize: a packet is needed on the tick of the first
/// frame it plays in, so its deadline (tick minus media time) takes one value per frame; the estimator picks the
/// best of those. Playout sits one pitch period ahead of that deadline: when the next packet is not there yet,
/// the audio still queued is stretched by one period (a last-moment WSOLA expand) instead of concealed, so the
/// packet has until the next tick.</para>
/// <para>Delay changes are applied where they are hard to hear: a talk spurt (marker bit, or a timestamp jump
/// after silence or comfort noise) starts at the sample its first packet reaches the target delay; inside a
/// spurt, WSOLA removes (accelerate) or repeats (expand) one pitch period of a voiced frame at a time.
/// A missing packet with later ones present is concealed (the decoder's own PLC and FEC when it has them,
/// G.711 Appendix I waveform replication otherwise); an empty buffer is concealed without advancing the media
/// time, so a delay spike becomes extra delay rather than loss.</para>
/// <para>Pure: no clock and no threads; time comes in as arguments. Memory is fixed at construction; inserting
/// and getting frames do not allocate. Not thread-safe: one playout clock owns it (wrap it in a lock when the
/// network thread inserts).</para>
/// </remarks>
public sealed class JitterBuffer : IDisposable
{
    private const byte SampleNormal = 0;
    private const byte SampleConcealed = 1;

    // Playout runs one pitch period ahead of the deadline only while few packets need that period (5 %): each
    // of them costs a stretch now and an accelerate later.
    private const double MaxStretchShare = 0.05;

    // Frames to wait before probing the pitch again, or retrying a time-scale change that found no period.
    private const int PitchProbeInterval = 10;
    private const int InitialStride = 256;
    private const int RetryInterval = 4;

    private readonly JitterBufferOptions _options;
    private readonly IAudioDecoder _decoder;
    private readonly int _sampleRate;
    private readonly int _clockRate;
    private readonly int _frameSamples;
    private readonly int _maxPacketSamples;
    private readonly WaveformReplicationConcealer? _concealer;
    private readonly WsolaTimeScaler _timeScaler;
    private readonly RelativeDelayEstimator _estimator;
    private readonly Slot[] _slots;
    private readonly int _mask;
    private byte[] _slab;
    private int _stride;
    private readonly short[] _queue;
    private readonly byte[] _flags;
    private readonly int _historyKeep;
    private readonly double _msPerSample;
    private readonly double _msPerTick;
    private bool _disposed;

    // The queue holds decoded samples not yet played at [_queueStart, _queueStart + _queueCount); the
    // _historyValid samples before it are the stream just played (the reference a stretch searches in).
    private int _queueStart;
    private int _queueCount;
    private int _historyValid;

    // Concealed samples in the queue. Their flags are the only ones set (the rest of _flags stays zero), so while
    // there are none, nothing needs scanning or clearing.
    private int _concealedQueued;
    private int _stored;

    private bool _haveSource;
    private uint _ssrc;
    private bool _haveSequence;
    private long _highestSequence;
    private long _highestTimestamp;

    private bool _playing;
    private bool _locked;
    private bool _haveNext;
    private long _nextSequence;
    private long _nextSample;
    private long _waitedSamples;
    private int _lastPacketSamples;
    private int _comfortNoiseLevel = -1;
    private uint _noiseState;

    private long _packetStart;
    private int _pitchLag;
    private int _pitchProbeIn;
    private int _retryIn;

    private int _gridVersion = -1;
    private long _gridKey;
    private GridChoice _grid;
    private int _gridPacketSamples;
    private int _gridStep;
    private double _gridStepMs;
    private double _gridHeadroomMs;

    private long _accepted, _duplicates, _late, _overflows, _sourceChanges, _corrupt;
    private long _normalFrames, _concealedFrames, _acceleratedFrames, _expandedFrames, _comfortNoiseFrames, _concealedSamples;

    /// <summary>Creates a buffer that decodes with <paramref name="decoder"/>.</summary>
    /// <param name="decoder">Decoder of the stream's codec; its <see cref="AudioCodecInfo"/> gives clock and sample rates.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid, or the codec's rates are not related by an integer factor.</exception>
    public JitterBuffer(IAudioDecoder decoder, JitterBufferOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _options = options ?? new JitterBufferOptions();
        _options.Validate();
        _decoder = decoder;
        _clockRate = decoder.Codec.ClockRate;
        _sampleRate = decoder.Codec.SampleRate;
        if (_sampleRate % _clockRate != 0 && _clockRate % _sampleRate != 0)
        {
            throw new ArgumentException($"Clock rate {_clockRate} and sample rate {_sampleRate} must be integer multiples of each other.", nameof(decoder));
        }

        _frameSamples = _sampleRate * _options.FrameMilliseconds / 1000;
        _msPerSample = 1000.0 / _sampleRate;
        _msPerTick = 1000.0 / _clockRate;
        _lastPacketSamples = _sampleRate / 50;

        // Up to 120 ms per packet (Opus allows 120 ms frames); 10..60 ms is the usual range.
        _maxPacketSamples = _sampleRate * 120 / 1000;
        _timeScaler = new WsolaTimeScaler(Math.Clamp(_sampleRate, 8000, 48000));
        if (!decoder.HasPacketLossConcealment)
        {
            // No output delay: the decoded samples queued ahead of playout are what the start of a loss smooths.
            _concealer = new WaveformReplicationConcealer(_sampleRate % 8000 == 0 ? _sampleRate : 8000, delayOutput: false);
        }

        _estimator = new RelativeDelayEstimator(_options);
        _slots = new Slot[_options.Capacity];
        _mask = _options.Capacity - 1;
        // Each slot holds one payload at a stride that starts at what a 30 ms G.711 or a 20 ms Opus packet needs and
        // grows to the largest payload seen (up to MaxPayloadBytes): 32 KB for most calls instead of Capacity x 1500 B,
        // which lands on the large-object heap and, with calls set up and torn down by the second, drove gen 2 collections.
        _stride = Math.Min(InitialStride, _options.MaxPayloadBytes);
        _slab = ArrayPool<byte>.Shared.Rent(_options.Capacity * _stride);

        // Room for the samples ahead of playout (a packet being decoded on top of a frame and a period), the
        // played history a stretch looks back into (two periods and a window), and slack so that moving it all
        // back to the front happens only every few packets.
        _historyKeep = (_timeScaler.MaxLag * 2) + (_timeScaler.SampleRate / 100);
        int queueLength = _historyKeep + (_maxPacketSamples * 2) + (_frameSamples * 4) + _timeScaler.MaxLag + (_frameSamples * 8);
        _queue = new short[queueLength];
        _flags = new byte[queueLength];
        _noiseState = (uint)_options.ComfortNoiseSeed | 1u;
        ClearSlots();
    }

    /// <summary>The settings in use.</summary>
    public JitterBufferOptions Options => _options;

    /// <summary>Samples per output frame.</summary>
    public int FrameSamples => _frameSamples;

    /// <summary>PCM sample rate of the output.</summary>
    public int SampleRate => _sampleRate;

    /// <summary>
    /// The current target delay above the fastest recent packet, in ms: the estimator's choice before it is
    /// fitted to the deadlines the playout clock can realize (which differ by up to one frame).
    /// </summary>
    public int TargetDelayMs => _estimator.TargetMs;

    /// <summary>True while recurring delay spikes hold the adaptive target at their height.</summary>
    public bool InPeakMode => _estimator.InPeakMode;

    /// <summary>Packets currently stored.</summary>
    public int BufferedPackets => _stored;

    /// <summary>True while a talk spurt is playing (false before the first packet, in silence, and while a spurt waits to start).</summary>
    public bool IsPlaying => _playing;

    /// <summary>Counters since creation.</summary>
    public JitterBufferStatistics Statistics => new()
    {
        Accepted = _accepted,
        Duplicates = _duplicates,
        Late = _late,
        Overflows = _overflows,
        SourceChanges = _sourceChanges,
        NormalFrames = _normalFrames,
        ConcealedFrames = _concealedFrames,
        AcceleratedFrames = _acceleratedFrames,
        ExpandedFrames = _expandedFrames,
        ComfortNoiseFrames = _comfortNoiseFrames,
        ConcealedSamples = _concealedSamples,
    };

    /// <summary>Payloads the decoder rejected (they were concealed instead).</summary>
    public long CorruptPayloads => _corrupt;

    /// <summary>
    /// Current playback delay of the output head above the fastest recent packet, in ms (what the target
    /// steers), or NaN before playout starts.
    /// </summary>
    /// <param name="now">The playout clock now.</param>
    public double CurrentDelayMs(TimeSpan now) => _playing ? DelayOf(now.TotalMilliseconds) : double.NaN;

    /// <summary>Stores one received RTP packet. Copies the payload; never allocates.</summary>
    /// <param name="sequenceNumber">RTP sequence number (wraps at 65536).</param>
    /// <param name="timestamp">RTP timestamp (wraps at 2^32), in the codec's clock rate.</param>
    /// <param name="marker">RTP marker bit: first packet of a talk spurt.</param>
    /// <param name="ssrc">Synchronization source; a change flushes the buffer.</param>
    /// <param name="payload">The RTP payload.</param>
    /// <param name="arrivalTime">When the packet arrived, on the same clock as <see cref="GetFrame"/>'s <c>now</c>.</param>
    /// <param name="isComfortNoise">True for a comfort-noise (SID) payload (RFC 3389, payload type 13): its first byte is the level in -dBov.</param>
    public InsertOutcome Insert(ushort sequenceNumber, uint timestamp, bool marker, uint ssrc, ReadOnlySpan<byte> payload, TimeSpan arrivalTime, bool isComfortNoise = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (payload.IsEmpty || payload.Length > _options.MaxPayloadBytes)
        {
            return InsertOutcome.InvalidPayload;
        }

        var outcome = InsertOutcome.Accepted;
        if (_haveSource && ssrc != _ssrc)
        {
            // RFC 3550 §8.2: a new SSRC is a new stream: its sequence and timestamp spaces are unrelated.
            ResetStream();
            _sourceChanges++;
            outcome = InsertOutcome.AcceptedNewSource;
        }

        _haveSource = true;
        _ssrc = ssrc;

        long sequence, rtpTime;
        if (!_haveSequence)
        {
            _haveSequence = true;
            sequence = sequenceNumber;
            rtpTime = timestamp;
            _highestSequence = sequence;
            _highestTimestamp = rtpTime;
        }
        else
        {
            // RFC 3550 A.1: extend by the signed distance to the highest packet seen, so wraps in either order work.
            sequence = _highestSequence + (short)(ushort)(sequenceNumber - (ushort)_highestSequence);
            rtpTime = _highestTimestamp + (int)(timestamp - (uint)_highestTimestamp);
            if (sequence > _highestSequence)
            {
                _highestSequence = sequence;
                _highestTimestamp = rtpTime;
            }
        }

        // Every arrival teaches the estimator, late ones most of all: they show the target is too small.
        _estimator.Update(arrivalTime.TotalMilliseconds, rtpTime * _msPerTick);
        if (_haveNext)
        {
            if (sequence < _nextSequence)
            {
                if (_locked)
                {
                    _late++;
                    return InsertOutcome.Late;
                }

                // Nothing played yet: an earlier packet that arrived second still leads.
                _nextSequence = sequence;
            }

            if (sequence - _nextSequence >= _slots.Length)
            {
                MakeRoomFor(sequence);
            }
        }
        else
        {
            _haveNext = true;
            _nextSequence = sequence;
        }

        int index = (int)(sequence & _mask);
        ref Slot slot = ref _slots[index];
        if (slot.Sequence == sequence)
        {
            _duplicates++;
            return InsertOutcome.Duplicate;
        }

        if (slot.Sequence != Slot.Empty)
        {
            // A stale packet the playout skipped over; its place is free.
            _stored--;
        }

        if (payload.Length > _stride)
        {
            GrowStride(payload.Length);
        }

        payload.CopyTo(_slab.AsSpan(index * _stride));
        slot = new Slot { Sequence = sequence, Timestamp = rtpTime, Length = payload.Length, Marker = marker, ComfortNoise = isComfortNoise };
        _stored++;
        _accepted++;
        return outcome;
    }

    /// <summary>
    /// Produces the next output frame for playout clock time <paramref name="now"/>. Call once per frame
    /// interval. Never allocates.
    /// </summary>
    /// <param name="now">The playout clock now (same clock as the arrival times).</param>
    /// <param name="pcm">Destination for <see cref="FrameSamples"/> samples.</param>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is shorter than a frame.</exception>
    public JitterFrame GetFrame(TimeSpan now, Span<short> pcm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (pcm.Length < _frameSamples)
        {
            throw new ArgumentException($"The frame holds {_frameSamples} samples but the destination only {pcm.Length}.", nameof(pcm));
        }

        var output = pcm[.._frameSamples];
        double nowMs = now.TotalMilliseconds;
        if (!_playing)
        {
            TryStartSpurt(nowMs);
        }

        if (!_playing)
        {
            WriteComfortNoise(output);
            _comfortNoiseFrames++;
            return new JitterFrame(JitterFrameKind.ComfortNoise, _frameSamples, -1, 0);
        }

        long head = HeadSample;
        double delay = DelayOf(nowMs);
        double error = delay - PlayoutTargetMs(nowMs - ((_packetStart * _msPerSample) + _estimator.ReferenceMs));

        // Accelerate only by what keeps playout at or above the target (the removed period must fit in the
        // excess), expand as soon as it falls below; a change that found no period waits a few frames.
        // Without a known period only an excess that fits any period is worth a search.
        int excess = error >= _options.AccelerateThresholdMs ? (int)Math.Min(_timeScaler.MaxLag, error * _sampleRate / 1000) : 0;
        bool accelerate = _retryIn <= 0 && excess >= (_pitchLag > 0 ? Math.Max(_timeScaler.MinLag, _pitchLag * 9 / 10) : _timeScaler.MaxLag);
        bool expand = _retryIn <= 0 && error <= -_options.ExpandThresholdMs;
        if (_retryIn > 0)
        {
            _retryIn--;
        }

        var fill = Fill(_frameSamples, mayConceal: false);
        if (_queueCount < _frameSamples && (fill is FillResult.Missing or FillResult.Underrun) && TryStretch(output, head, out var stretched))
        {
            return stretched;
        }

        if (_queueCount < _frameSamples && fill == FillResult.Missing)
        {
            fill = Fill(_frameSamples, mayConceal: true);
        }

        if (accelerate && _queueCount >= _frameSamples)
        {
            Fill(_frameSamples + excess, mayConceal: false);
        }

        if (_queueCount >= _frameSamples)
        {
            var queued = _queue.AsSpan(_queueStart, _queueCount);
            ProbePitch(queued);
            if (accelerate && _queueCount >= _frameSamples + _timeScaler.MinLag)
            {
                int span = Math.Min(_queueCount, _frameSamples + excess);
                if (!AnyConcealed(span))
                {
                    var result = _timeScaler.Accelerate(queued[..span], output, excess);
                    if (Learn(result, searchedAll: excess >= _timeScaler.MaxLag))
                    {
                        Dequeue(result.Consumed);
                        _acceleratedFrames++;
                        return new JitterFrame(JitterFrameKind.Accelerated, _frameSamples, ToTimestamp(head), result.Consumed);
                    }
                }
            }
            else if (expand && !AnyConcealed(_frameSamples))
            {
                var result = _timeScaler.Expand(queued, output);
                if (Learn(result, searchedAll: true))
                {
                    Dequeue(result.Consumed);
                    _expandedFrames++;
                    return new JitterFrame(JitterFrameKind.Expanded, _frameSamples, ToTimestamp(head), result.Consumed);
                }
            }

            queued[.._frameSamples].CopyTo(output);
            int concealedCount = ConcealedIn(_frameSamples);
            Dequeue(_frameSamples);
            return Count(new JitterFrame(concealedCount > 0 ? JitterFrameKind.Concealed : JitterFrameKind.Normal, _frameSamples, ToTimestamp(head), _frameSamples, concealedCount));
        }

        // Not enough audio for a whole frame: play what there is, then fill the rest.
        int have = _queueCount;
        int concealedQueued = ConcealedIn(have);
        _queue.AsSpan(_queueStart, have).CopyTo(output);
        Dequeue(have);
        var rest = output[have..];
        if (fill == FillResult.Underrun)
        {
            // The buffer ran dry: conceal without advancing media time, so a late packet still plays (as delay).
            Conceal(rest, output[..have]);
            _waitedSamples += rest.Length;
            if (_waitedSamples * 1000L / _sampleRate > _options.MaxWaitMs)
            {
                _playing = false;
            }

            return Count(new JitterFrame(JitterFrameKind.Concealed, _frameSamples, ToTimestamp(head), have, concealedQueued + rest.Length));
        }

        // The talk spurt ended (comfort noise or a new spurt follows).
        WriteComfortNoise(rest);
        _playing = false;
        var kind = have == 0 ? JitterFrameKind.ComfortNoise : concealedQueued > 0 ? JitterFrameKind.Concealed : JitterFrameKind.Normal;
        return Count(new JitterFrame(kind, _frameSamples, have == 0 ? -1 : ToTimestamp(head), have, concealedQueued));
    }

    /// <summary>Returns the payload slab to the pool.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_slab);
        }
    }

    private long HeadSample => _nextSample - _queueCount;

    /// <summary>Moves every stored payload to a slab whose stride holds <paramref name="length"/> bytes.</summary>
    private void GrowStride(int length)
    {
        var stride = Math.Min((int)BitOperations.RoundUpToPowerOf2((uint)length), _options.MaxPayloadBytes);
        var slab = ArrayPool<byte>.Shared.Rent(_options.Capacity * stride);
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Sequence != Slot.Empty)
            {
                _slab.AsSpan(i * _stride, _slots[i].Length).CopyTo(slab.AsSpan(i * stride));
            }
        }

        ArrayPool<byte>.Shared.Return(_slab);
        (_slab, _stride) = (slab, stride);
    }

    private double DelayOf(double nowMs) => nowMs - ((HeadSample * _msPerSample) + _estimator.ReferenceMs);

    /// <summary>
    /// The delay the output head should have (ms above the reference), given the deadline a packet would have if
    /// it were needed now (packets start on a common grid, so any of them gives the phase). Deadlines repeat every
    /// frame (every common divisor of frame and packet time), so the estimator picks the best of that grid. With
    /// packets of whole frames the head then sits one pitch period below the deadline while few packets arrive
    /// within a frame of it: a late one is bridged by stretching the queued period (<see cref="TryStretch"/>), so
    /// it still has until the deadline. With shorter packets (or not a multiple of the frame) a frame needs packets
    /// that start up to a frame minus the step into it: the head sits that much above the deadline instead.
    /// </summary>
    private double PlayoutTargetMs(double deadlineNow)
    {
        if (_gridPacketSamples != _lastPacketSamples)
        {
            _gridPacketSamples = _lastPacketSamples;
            _gridStep = Gcd(_frameSamples, _lastPacketSamples);
            _gridStepMs = _gridStep * _msPerSample;
            _gridHeadroomMs = (_frameSamples - _gridStep) * _msPerSample;
        }

        int step = _gridStep;
        double stepMs = _gridStepMs;
        double headroomMs = _gridHeadroomMs;
        double pitchMs = headroomMs == 0 ? _pitchLag * _msPerSample : 0;
        double phase = deadlineNow - (stepMs * Math.Floor(deadlineNow / stepMs));

        // Re-choose only when the histogram was re-evaluated or the phase moved by a quarter millisecond.
        long key = ((long)Math.Round(phase * 4) << 32) | ((long)step << 16) | (long)_pitchLag;
        if (_estimator.Version != _gridVersion || key != _gridKey)
        {
            _grid = _estimator.ChooseOnGrid(phase, stepMs, headroomMs - pitchMs);
            _gridVersion = _estimator.Version;
            _gridKey = key;
        }

        return _grid.DeadlineMs + headroomMs - (_grid.LateShare <= MaxStretchShare ? pitchMs : 0);
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private long ToSamples(long rtpTime) => _sampleRate >= _clockRate ? rtpTime * (_sampleRate / _clockRate) : rtpTime / (_clockRate / _sampleRate);

    private long ToTimestamp(long sample) => _sampleRate >= _clockRate ? sample / (_sampleRate / _clockRate) : sample * (_clockRate / _sampleRate);

    private JitterFrame Count(JitterFrame frame)
    {
        switch (frame.Kind)
        {
            case JitterFrameKind.Normal: _normalFrames++; break;
            case JitterFrameKind.Concealed: _concealedFrames++; break;
            case JitterFrameKind.ComfortNoise: _comfortNoiseFrames++; break;
            default: break;
        }

        return frame;
    }

    private void TryStartSpurt(double nowMs)
    {
        while (_stored > 0)
        {
            long sequence = FindNextStored(_nextSequence);
            if (sequence < 0)
            {
                return;
            }

            int index = (int)(sequence & _mask);
            ref Slot slot = ref _slots[index];
            if (slot.ComfortNoise)
            {
                _comfortNoiseLevel = _slab[index * _stride] & 0x7F;
                Free(ref slot);
                _nextSequence = sequence + 1;
                _locked = true;
                continue;
            }

            long startSample = ToSamples(slot.Timestamp);
            if (_locked && startSample < _nextSample && _nextSample - startSample < _sampleRate * 10L)
            {
                // Playback already went past this packet's media time: it is late, never replayed.
                Free(ref slot);
                _late++;
                _nextSequence = sequence + 1;
                continue;
            }

            // A talk spurt starts at the sample where its first packet reaches the target delay (silence absorbs
            // the change): in the frame before that, after as much comfort noise as is left of the frame.
            double deadline = nowMs - ((slot.Timestamp * _msPerTick) + _estimator.ReferenceMs);
            double leadMs = PlayoutTargetMs(deadline) - deadline;
            if (leadMs >= _options.FrameMilliseconds)
            {
                return;
            }

            int lead = leadMs <= 0 ? 0 : Math.Min(_frameSamples - 1, (int)Math.Round(leadMs * _sampleRate / 1000));
            if (_locked)
            {
                // The comfort noise before the spurt stands for media time after what was played, never before it.
                lead = (int)Math.Min(lead, Math.Max(0, startSample - HeadSample));
            }

            _nextSequence = sequence;
            _nextSample = startSample;
            _packetStart = startSample;
            ClearQueue();
            _concealer?.Reset();
            _waitedSamples = 0;
            _playing = true;
            _locked = true;
            if (lead > 0)
            {
                var preroll = _queue.AsSpan(0, lead);
                WriteComfortNoise(preroll);
                _concealer?.Good(preroll);
                _queueCount = lead;
            }

            return;
        }
    }

    private FillResult Fill(int need, bool mayConceal)
    {
        while (_queueCount < need)
        {
            int index = (int)(_nextSequence & _mask);
            ref Slot slot = ref _slots[index];
            if (slot.Sequence == _nextSequence)
            {
                if (slot.ComfortNoise)
                {
                    return FillResult.SpurtEnded;
                }

                long gap = ToSamples(slot.Timestamp) - _nextSample;
                if (gap > 0 && _waitedSamples > 0)
                {
                    // We already played concealment while waiting; count it against this gap.
                    long absorbed = Math.Min(gap, _waitedSamples);
                    _nextSample += absorbed;
                    _waitedSamples -= absorbed;
                    gap -= absorbed;
                }

                if (gap != 0 && (slot.Marker || gap > 0 || -gap >= _maxPacketSamples))
                {
                    // Consecutive sequence numbers but a timestamp jump: silence (DTX) or a new talk spurt.
                    return FillResult.SpurtEnded;
                }

                DecodeSlot(ref slot, index, skip: (int)-gap);
                continue;
            }

            long later = FindNextStored(_nextSequence + 1);
            if (later < 0)
            {
                return FillResult.Underrun;
            }

            if (!mayConceal)
            {
                return FillResult.Missing;
            }

            ref Slot next = ref _slots[(int)(later & _mask)];
            long missing = ToSamples(next.Timestamp) - _nextSample;
            if (missing > 0 && _waitedSamples > 0)
            {
                long absorbed = Math.Min(missing, _waitedSamples);
                _nextSample += absorbed;
                _waitedSamples -= absorbed;
                missing -= absorbed;
            }

            if (missing <= 0 || missing > _sampleRate)
            {
                // Nothing to conceal (or an implausible gap): continue with the next packet we have.
                _nextSequence = later;
                if (missing > _sampleRate)
                {
                    return FillResult.SpurtEnded;
                }

                continue;
            }

            int n = (int)Math.Min(missing, Math.Max(need - _queueCount, 1));
            ConcealLoss(n, later);
            _nextSample += n;
            if (n == missing)
            {
                _nextSequence = later;
            }
        }

        return FillResult.Full;
    }

    private void DecodeSlot(ref Slot slot, int index, int skip)
    {
        var payload = _slab.AsSpan(index * _stride, slot.Length);
        MakeRoom(_maxPacketSamples);
        var target = _queue.AsSpan(_queueStart + _queueCount, _maxPacketSamples);
        int decoded;
        try
        {
            decoded = _decoder.Decode(payload, target);
        }
        catch (ArgumentException)
        {
            // A payload the codec rejects is counted and concealed like a loss, never played as garbage.
            decoded = -1;
        }

        _nextSequence = slot.Sequence + 1;
        Free(ref slot);
        if (decoded <= 0)
        {
            // Conceal the packet's time (taken as the previous packet's length) so the timeline stays continuous.
            _corrupt++;
            ConcealLoss(_lastPacketSamples, -1);
            _nextSample += _lastPacketSamples;
            return;
        }

        _lastPacketSamples = decoded = Math.Min(decoded, _maxPacketSamples);
        _packetStart = ToSamples(slot.Timestamp);
        if (skip >= decoded)
        {
            // All of this packet's time was already concealed: it is late.
            _late++;
            return;
        }

        // Part of this packet's time may have been concealed already: play only the rest.
        if (skip > 0)
        {
            target.Slice(skip, decoded - skip).CopyTo(target);
        }

        var samples = target[..(decoded - skip)];
        _concealer?.Good(samples);
        _waitedSamples = 0;
        _queueCount += samples.Length;
        _nextSample += samples.Length;
    }

    private void ConcealLoss(int samples, long nextPresent)
    {
        MakeRoom(samples);
        var target = _queue.AsSpan(_queueStart + _queueCount, samples);
        bool recovered = false;
        if (_decoder.HasForwardErrorCorrection && nextPresent == _nextSequence + 1)
        {
            int index = (int)(nextPresent & _mask);
            var payload = _slab.AsSpan(index * _stride, _slots[index].Length);
            recovered = _decoder.DecodeRedundant(payload, target) == samples;
        }

        if (!recovered)
        {
            Conceal(target, _queue.AsSpan(_queueStart, _queueCount));
        }

        if (!recovered)
        {
            _flags.AsSpan(_queueStart + _queueCount, samples).Fill(SampleConcealed);
            _concealedQueued += samples;
            _concealedSamples += samples;
        }

        _queueCount += samples;
    }

    /// <summary>Conceals into <paramref name="target"/>; <paramref name="unplayed"/> is the real audio just before it, not played yet.</summary>
    private void Conceal(Span<short> target, Span<short> unplayed)
    {
        if (_concealer is not null)
        {
            _concealer.Conceal(target, unplayed);
        }
        else if (_decoder.Conceal(target) < target.Length)
        {
            target.Clear();
        }
    }

    /// <summary>
    /// The next packet is not there: rather than conceal, stretch the audio still queued by one pitch period to a
    /// whole frame (when it is voiced and long enough), which gives the packet until the next tick.
    /// </summary>
    private bool TryStretch(Span<short> output, long head, out JitterFrame frame)
    {
        frame = default;
        int available = _queueCount;
        if (available == 0 || available < _frameSamples - _timeScaler.MaxLag || AnyConcealed(available))
        {
            return false;
        }

        int history = Math.Min(_historyValid, _historyKeep);
        var stream = _queue.AsSpan(_queueStart - history, history + available);
        var result = _timeScaler.Stretch(stream, available, output);
        if (!result.Changed)
        {
            return false;
        }

        Learn(result, searchedAll: false);

        Dequeue(result.Consumed);
        _expandedFrames++;
        frame = new JitterFrame(JitterFrameKind.Expanded, _frameSamples, ToTimestamp(head), result.Consumed);
        return true;
    }

    /// <summary>
    /// Remembers the period a time-scale change found. When it found none it backs off for a few frames, and
    /// when it searched every period (so the audio is not voiced now) it forgets the period until a probe finds one.
    /// </summary>
    private bool Learn(TimeScaleResult result, bool searchedAll)
    {
        if (result.Changed)
        {
            // Keep the fundamental: a change that removed or repeated two or three periods says nothing new.
            int periods = _pitchLag > 0 ? (int)Math.Round((double)result.Lag / _pitchLag) : 1;
            if (periods < 2 || Math.Abs(result.Lag - (periods * _pitchLag)) > periods * _pitchLag / 12)
            {
                _pitchLag = result.Lag;
            }

            return true;
        }

        _retryIn = RetryInterval;
        if (searchedAll && _pitchLag > 0)
        {
            _pitchLag = 0;
            _pitchProbeIn = PitchProbeInterval;
        }

        return false;
    }

    /// <summary>Measures the pitch period when none is known (it sets how far ahead of the deadline playout may run).</summary>
    private void ProbePitch(ReadOnlySpan<short> queued)
    {
        if (_pitchLag > 0 || --_pitchProbeIn > 0)
        {
            return;
        }

        _pitchProbeIn = PitchProbeInterval;
        int window = _timeScaler.SampleRate / 100;
        int maxLag = Math.Min(_timeScaler.MaxLag, queued.Length - window);
        if (maxLag < _timeScaler.MinLag || AnyConcealed(maxLag + window))
        {
            return;
        }

        var (lag, similarity) = _timeScaler.FindLag(queued, maxLag);
        if (similarity >= _timeScaler.SimilarityThreshold)
        {
            _pitchLag = lag;
        }
    }

    /// <summary>Makes room for <paramref name="samples"/> more queued samples by moving the queue (and the history kept before it) to the front.</summary>
    private void MakeRoom(int samples)
    {
        if (_queueStart + _queueCount + samples <= _queue.Length)
        {
            return;
        }

        int history = Math.Min(_historyValid, _historyKeep);
        int from = _queueStart - history;
        _queue.AsSpan(from, history + _queueCount).CopyTo(_queue);
        if (_concealedQueued > 0)
        {
            // Move the queue's flags along and clear where they were (only concealed samples keep flags set).
            _flags.AsSpan(_queueStart, _queueCount).CopyTo(_flags.AsSpan(history));
            _flags.AsSpan(history + _queueCount, _queueStart - history).Clear();
        }

        _queueStart = history;
        _historyValid = history;
    }

    private void Dequeue(int samples)
    {
        if (_concealedQueued > 0)
        {
            var flags = _flags.AsSpan(_queueStart, samples);
            int concealed = flags.Count(SampleConcealed);
            if (concealed > 0)
            {
                flags.Clear();
                _concealedQueued -= concealed;
            }
        }

        _queueStart += samples;
        _queueCount -= samples;
        _historyValid += samples;
    }

    private void ClearQueue()
    {
        if (_concealedQueued > 0)
        {
            Array.Clear(_flags);
            _concealedQueued = 0;
        }

        _queueStart = 0;
        _queueCount = 0;
        _historyValid = 0;
    }

    /// <summary>True when any of the first <paramref name="count"/> queued samples is concealment.</summary>
    private bool AnyConcealed(int count) => _concealedQueued > 0 && _flags.AsSpan(_queueStart, count).ContainsAnyExcept(SampleNormal);

    /// <summary>How many of the first <paramref name="count"/> queued samples are concealment.</summary>
    private int ConcealedIn(int count) => _concealedQueued == 0 ? 0 : _flags.AsSpan(_queueStart, count).Count(SampleConcealed);

    private long FindNextStored(long from)
    {
        if (_stored == 0)
        {
            return -1;
        }

        long best = -1;
        for (long s = from; s < from + _slots.Length; s++)
        {
            if (_slots[(int)(s & _mask)].Sequence == s)
            {
                best = s;
                break;
            }
        }

        return best;
    }

    private void MakeRoomFor(long sequence)
    {
        // The sender ran more than the ring ahead of playout: drop the oldest packets (counted) to make room.
        long keepFrom = sequence - _slots.Length + 1;
        for (int i = 0; i < _slots.Length; i++)
        {
            ref Slot slot = ref _slots[i];
            if (slot.Sequence != Slot.Empty && slot.Sequence < keepFrom)
            {
                Free(ref slot);
                _overflows++;
            }
        }

        _nextSequence = keepFrom;
    }

    private void Free(ref Slot slot)
    {
        slot.Sequence = Slot.Empty;
        _stored--;
    }

    private void ClearSlots()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i].Sequence = Slot.Empty;
        }

        _stored = 0;
    }

    private void ResetStream()
    {
        ClearSlots();
        ClearQueue();
        _haveSequence = false;
        _haveNext = false;
        _playing = false;
        _locked = false;
        _waitedSamples = 0;
        _concealer?.Reset();
        _estimator.Reset();
    }

    private void WriteComfortNoise(Span<short> output)
    {
        if (_comfortNoiseLevel < 0)
        {
            output.Clear();
            return;
        }

        // RFC 3389 §3: the level byte is -dBov; white noise of that RMS (uniform: peak = RMS * sqrt 3).
        double rms = 32767.0 * Math.Pow(10, -_comfortNoiseLevel / 20.0);
        int peak = (int)Math.Min(32767, rms * 1.7320508);
        for (int i = 0; i < output.Length; i++)
        {
            // xorshift32: deterministic and allocation-free.
            uint x = _noiseState;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _noiseState = x;
            output[i] = (short)((int)(x % (uint)((2 * peak) + 1)) - peak);
        }
    }

    private enum FillResult
    {
        /// <summary>The queue holds what was asked for.</summary>
        Full,

        /// <summary>The next packet is missing but later ones are there (lost or late; not concealed yet).</summary>
        Missing,

        /// <summary>Nothing more is stored: the buffer ran dry.</summary>
        Underrun,

        /// <summary>Comfort noise or a new talk spurt follows.</summary>
        SpurtEnded,
    }

    private struct Slot
    {
        public const long Empty = long.MinValue;
        public long Sequence;
        public long Timestamp;
        public int Length;
        public bool Marker;
        public bool ComfortNoise;
    }
}
