namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// Receive statistics for one synchronization source, exactly as RFC 3550 Appendix A computes them:
/// A.1 sequence validation with wrap, restart and probation, A.3 expected and lost packets, and A.8
/// interarrival jitter. A pure class: the caller passes arrival times, so tests use hand-computed values.
/// Not thread-safe; one instance per source per session.
/// </summary>
public sealed class RtpReceiveStatistics
{
    /// <summary>A.1: packets in sequence needed before a new source is valid.</summary>
    public const int MinSequential = 2;

    /// <summary>A.1: the largest forward jump still taken as loss rather than a restart.</summary>
    public const int MaxDropout = 3000;

    /// <summary>A.1: the largest backward step still taken as reordering.</summary>
    public const int MaxMisorder = 100;

    private const uint SequenceModulo = 1u << 16;

    private readonly int _clockRate;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence;
    private int _probation;
    private uint _received;
    private uint _expectedPrior;
    private uint _receivedPrior;
    private bool _hasTransit;
    private int _transit;
    private uint _jitter;
    private bool _started;

    /// <summary>Creates statistics for a source whose payload uses <paramref name="clockRate"/> Hz timestamps.</summary>
    public RtpReceiveStatistics(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _clockRate = clockRate;
    }

    /// <summary>The timestamp clock rate used to convert arrival times for jitter.</summary>
    public int ClockRate => _clockRate;

    /// <summary>Packets counted as received (A.1 <c>received</c>), duplicates included as the RFC does.</summary>
    public uint Received => _received;

    /// <summary>The first sequence number of the current run (A.1 <c>base_seq</c>).</summary>
    public uint BaseSequence => _baseSequence;

    /// <summary>The extended highest sequence number: cycles plus <c>max_seq</c> (A.3 <c>extended_max</c>).</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>True once the source has passed probation.</summary>
    public bool IsValid => _started && _probation == 0;

    /// <summary>Packets expected: extended highest minus base plus one (A.3).</summary>
    public uint Expected => IsValid ? ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>Expected minus received, clamped to the 24-bit signed field of a report block (A.3).</summary>
    public int CumulativeLost
    {
        get
        {
            var lost = (long)Expected - _received;
            return (int)Math.Clamp(lost, -0x800000, 0x7FFFFF);
        }
    }

    /// <summary>The A.8 jitter estimate in timestamp units (the integer form, divided by 16).</summary>
    public uint Jitter => _jitter >> 4;

    /// <summary>
    /// Accounts one packet: <paramref name="sequence"/> and <paramref name="timestamp"/> from its header and its
    /// arrival time in <paramref name="arrivalTimestampUnits"/> (the same clock as the RTP timestamps).
    /// </summary>
    public RtpPacketAcceptance Update(ushort sequence, uint timestamp, uint arrivalTimestampUnits)
    {
        var acceptance = UpdateSequence(sequence);
        // A.8 runs for every packet from the source; only a jump awaiting confirmation is left out, since it
        // may belong to a different stream and would inject one huge transit difference.
        if (acceptance != RtpPacketAcceptance.BadSequence)
        {
            UpdateJitter(timestamp, arrivalTimestampUnits);
        }

        return acceptance;
    }

    /// <summary>
    /// As <see cref="Update(ushort, uint, uint)"/>, with the arrival given as a <see cref="TimeProvider"/> timestamp
    /// (<see cref="TimeProvider.GetTimestamp"/>) and <paramref name="timestampFrequency"/> ticks per second.
    /// </summary>
    public RtpPacketAcceptance Update(ushort sequence, uint timestamp, long arrivalTicks, long timestampFrequency)
        => Update(sequence, timestamp, ToTimestampUnits(arrivalTicks, timestampFrequency, _clockRate));

    /// <summary>Converts a tick count into RTP timestamp units without overflow, wrapping modulo 2^32 as RTP does.</summary>
    public static uint ToTimestampUnits(long ticks, long frequency, int clockRate)
    {
        var seconds = ticks / frequency;
        var remainder = ticks % frequency;
        return unchecked((uint)((seconds * clockRate) + (remainder * clockRate / frequency)));
    }

    /// <summary>
    /// Produces the report-block figures and starts a new reporting interval (A.3 <c>expected_prior</c>,
    /// <c>received_prior</c>): call once per RTCP report sent.
    /// </summary>
    public RtpReceptionReport TakeReport()
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        var receivedInterval = _received - _receivedPrior;
        _receivedPrior = _received;
        var lostInterval = (long)expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)((lostInterval << 8) / expectedInterval);
        return new RtpReceptionReport(fraction, CumulativeLost, ExtendedHighestSequence, Jitter);
    }

    // RFC 3550 A.1 update_seq, transcribed with the same variable meanings.
    private RtpPacketAcceptance UpdateSequence(ushort sequence)
    {
        if (!_started)
        {
            // A.1: a new source starts on probation with max_seq one below the first packet.
            _started = true;
            InitSequence(sequence);
            _maxSequence = unchecked((ushort)(sequence - 1));
            _probation = MinSequential;
        }

        var delta = (ushort)(sequence - _maxSequence);
        if (_probation > 0)
        {
            if (sequence == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    InitSequence(sequence);
                    _received++;
                    return RtpPacketAcceptance.Accepted;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequence;
            }

            return RtpPacketAcceptance.Probation;
        }

        if (delta < MaxDropout)
        {
            // In order, with a permissible gap; a smaller number means the 16-bit counter wrapped.
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulo;
            }

            _maxSequence = sequence;
            _received++;
            return RtpPacketAcceptance.Accepted;
        }

        if (delta <= SequenceModulo - MaxMisorder)
        {
            // A very large jump: two sequential packets mean the other side restarted without telling us.
            if (sequence == _badSequence)
            {
                InitSequence(sequence);
                _received++;
                return RtpPacketAcceptance.Restarted;
            }

            _badSequence = (sequence + 1u) & (SequenceModulo - 1);
            return RtpPacketAcceptance.BadSequence;
        }

        // Duplicate or reordered packet: counted (so duplicates can make "lost" negative, as A.3 notes).
        _received++;
        return RtpPacketAcceptance.AcceptedLate;
    }

    // RFC 3550 A.1 init_seq.
    private void InitSequence(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulo + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    // RFC 3550 A.8: J += (|D| - J) / 16, in the integer form that keeps J scaled by 16.
    private void UpdateJitter(uint timestamp, uint arrival)
    {
        var transit = unchecked((int)(arrival - timestamp));
        if (!_hasTransit)
        {
            // The first packet has no predecessor; starting from transit 0 would inject a spurious jump.
            _hasTransit = true;
            _transit = transit;
            return;
        }

        var d = Math.Abs((long)unchecked(transit - _transit));
        _transit = transit;
        _jitter = unchecked((uint)(_jitter + d - ((_jitter + 8) >> 4)));
    }
}
