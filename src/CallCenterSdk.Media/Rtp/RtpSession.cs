using System.Net;
using System.Text;
using CallCenterSdk.Media.Rtcp;

namespace CallCenterSdk.Media.Rtp;

/// <summary>
/// The protocol logic of one RTP session (RFC 3550), with no sockets: it numbers and stamps outgoing packets,
/// validates and accounts incoming ones (Appendix A statistics per source), handles SSRC collisions and
/// loops (§8.2), latches to the address media really comes from (symmetric RTP, RFC 4961), and builds
/// SR/RR + SDES (+ BYE) compounds on the §6.3 schedule. Time comes from <see cref="TimeProvider"/>,
/// randomness from the injected <see cref="Random"/>. Thread-safe: a receive loop and a sending clock may
/// call it concurrently; events are raised outside the lock.
/// </summary>
public sealed class RtpSession
{
    private const int MaxReportBlocks = 31;

    private readonly Lock _gate = new();
    private readonly RtpSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly long _start;
    private readonly int[] _clockRates = new int[128];
    private readonly byte[] _cname;
    private readonly List<RtpRemoteSource> _sources = [];
    private readonly List<SocketAddress> _conflictAddresses = [];
    private readonly RtcpTransmissionSchedule _schedule;
    private readonly double _rtcpBandwidth;
    private readonly TimeSpan _minimumInterval;

    private uint _ssrc;
    private ushort _sequence;
    private uint _timestamp;
    private uint _initialTimestamp;
    private int _sendClockRate;
    private bool _talkspurtStart = true;
    private uint _packetsSent;
    private uint _octetsSent;
    private bool _sentThisInterval;
    private bool _sentPreviousInterval;
    private long _lastSendTicks;
    private uint _lastSendTimestamp;
    private uint _pendingGoodbyeSsrc;
    private TimeSpan _senderTimeout;
    private bool _hasPendingGoodbye;

    private SocketAddress? _remoteRtp;
    private SocketAddress? _signalledRtp;
    private SocketAddress? _remoteRtcp;
    private SocketAddress? _signalledRtcp;
    private bool _rtpLatched;
    private bool _rtcpLatched;
    private uint _rtcpLatchSsrc;
    private TimeSpan _latchedLastHeard;
    private SocketAddress? _candidate;
    private int _candidateRun;
    private ushort _candidateSequence;

    /// <summary>Creates a session with a random SSRC, sequence number and timestamp (RFC 3550 §5.1, §8.1).</summary>
    public RtpSession(RtpSessionOptions options, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentException.ThrowIfNullOrEmpty(options.CanonicalName);
        _options = options;
        _time = time;
        _random = random;
        _start = time.GetTimestamp();
        _cname = Encoding.UTF8.GetBytes(options.CanonicalName);
        if (_cname.Length > 255)
        {
            throw new ArgumentException("The CNAME has at most 255 UTF-8 bytes.", nameof(options));
        }

        Array.Fill(_clockRates, options.DefaultClockRate);
        foreach (var (payloadType, rate) in options.PayloadClockRates)
        {
            if (payloadType > 127 || rate <= 0)
            {
                throw new ArgumentException(FormattableString.Invariant($"Payload type {payloadType} with clock rate {rate} is not valid."), nameof(options));
            }

            _clockRates[payloadType] = rate;
        }

        _ssrc = NewSsrc();
        _sequence = (ushort)random.Next(0, 1 << 16);
        _timestamp = (uint)random.NextInt64(0, 1L << 32);
        _initialTimestamp = _timestamp;
        _sendClockRate = options.DefaultClockRate;

        // RFC 3550 §6.2: RTCP gets 5% of the session bandwidth, in octets per second here.
        _rtcpBandwidth = options.SessionBandwidth * 0.05 / 8;
        _minimumInterval = options.ReducedMinimumInterval ? RtcpInterval.ReducedMinimum(options.SessionBandwidth / 1000) : RtcpInterval.MinimumInterval;
        _schedule = new RtcpTransmissionSchedule(TimeSpan.Zero, _rtcpBandwidth, 4 + 4 + 20 + 24 + 12 + _cname.Length, random, _minimumInterval);
    }

    /// <summary>Raised when a remote source sends BYE or times out.</summary>
    public event EventHandler<RtpSourceLeftEventArgs>? SourceLeft;

    /// <summary>Raised when our SSRC changes because of a collision.</summary>
    public event EventHandler<RtpSsrcChangedEventArgs>? LocalSsrcChanged;

    /// <summary>Our SSRC.</summary>
    public uint LocalSsrc
    {
        get
        {
            lock (_gate)
            {
                return _ssrc;
            }
        }
    }

    /// <summary>The sequence number the next packet will carry.</summary>
    public ushort NextSequenceNumber
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The media timestamp of the next audio frame (the current position of the send clock).</summary>
    public uint CurrentTimestamp
    {
        get
        {
            lock (_gate)
            {
                return _timestamp;
            }
        }
    }

    /// <summary>RTP packets sent under the current SSRC.</summary>
    public uint PacketsSent
    {
        get
        {
            lock (_gate)
            {
                return _packetsSent;
            }
        }
    }

    /// <summary>Where RTP goes: the SDP address until symmetric RTP latches to the address media comes from.</summary>
    public SocketAddress? RemoteRtpAddress
    {
        get
        {
            lock (_gate)
            {
                return _remoteRtp;
            }
        }
    }

    /// <summary>Where RTCP goes (the RTP address when rtcp-mux is on).</summary>
    public SocketAddress? RemoteRtcpAddress
    {
        get
        {
            lock (_gate)
            {
                return _options.RtcpMux ? _remoteRtp : _remoteRtcp;
            }
        }
    }

    /// <summary>True once the RTP address has been learned from received packets.</summary>
    public bool IsRtpLatched
    {
        get
        {
            lock (_gate)
            {
                return _rtpLatched;
            }
        }
    }

    /// <summary>The session time: elapsed since the session was created.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_start);

    /// <summary>When the next RTCP compound is due, in session time (§6.3).</summary>
    public TimeSpan NextRtcpDue
    {
        get
        {
            lock (_gate)
            {
                return _schedule.NextTransmission;
            }
        }
    }

    /// <summary>The current member estimate (ourselves included), as used for the RTCP interval.</summary>
    public int Members
    {
        get
        {
            lock (_gate)
            {
                return _schedule.Members;
            }
        }
    }

    /// <summary>Sets the remote addresses from signalling (SDP c=/m=/a=rtcp) before any packet is received.</summary>
    public void SetRemote(SocketAddress rtp, SocketAddress? rtcp = null)
    {
        ArgumentNullException.ThrowIfNull(rtp);
        lock (_gate)
        {
            _remoteRtp = Copy(rtp);
            _signalledRtp = _remoteRtp;
            _remoteRtcp = rtcp is null ? null : Copy(rtcp);
            _signalledRtcp = _remoteRtcp;
            _rtpLatched = false;
            _rtcpLatched = false;
        }
    }

    /// <summary>Finds a remote source by SSRC; null when unknown.</summary>
    public RtpRemoteSource? GetSource(uint ssrc)
    {
        lock (_gate)
        {
            return Find(ssrc);
        }
    }

    /// <summary>A snapshot of the remote sources.</summary>
    public IReadOnlyList<RtpRemoteSource> GetSources()
    {
        lock (_gate)
        {
            return [.. _sources];
        }
    }

    /// <summary>
    /// Writes one audio packet: the current timestamp, the next sequence number, the marker on the first packet
    /// of a talkspurt (RFC 3551 §4.1); then advances the send clock by <paramref name="timestampUnits"/>.
    /// Returns the packet length.
    /// </summary>
    public int WriteAudio(Span<byte> destination, byte payloadType, int timestampUnits, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnits);
        lock (_gate)
        {
            SwitchClock(payloadType);
            var header = new RtpHeader(payloadType, _sequence, _timestamp, _ssrc, _talkspurtStart);
            var length = RtpPacketBuilder.Write(destination, header, payload);
            _talkspurtStart = false;
            _sequence++;
            _timestamp += (uint)timestampUnits;
            AccountSent(payload.Length, header.Timestamp);
            return length;
        }
    }

    /// <summary>
    /// Writes a packet with an explicit timestamp and marker, advancing only the sequence number: used for
    /// RFC 4733 events, whose packets all carry the event's start timestamp.
    /// </summary>
    public int WriteWithTimestamp(Span<byte> destination, byte payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            SwitchClock(payloadType);
            var header = new RtpHeader(payloadType, _sequence, timestamp, _ssrc, marker);
            var length = RtpPacketBuilder.Write(destination, header, payload);
            _sequence++;
            AccountSent(payload.Length, timestamp);
            return length;
        }
    }

    /// <summary>
    /// Advances the send clock without sending (silence suppression, or audio replaced by a DTMF event), and
    /// marks the next audio packet as the start of a talkspurt.
    /// </summary>
    public void AdvanceTimestamp(int timestampUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnits);
        lock (_gate)
        {
            _timestamp += (uint)timestampUnits;
            _talkspurtStart = true;
        }
    }

    /// <summary>Accounts one received datagram on the RTP port (or any datagram when rtcp-mux is on).</summary>
    public RtpReceiveResult ReceiveRtp(ReadOnlySpan<byte> datagram, SocketAddress source) => ReceiveRtp(datagram, source, out _);

    /// <summary>As <see cref="ReceiveRtp(ReadOnlySpan{byte}, SocketAddress)"/>, also returning the parsed packet view.</summary>
    public RtpReceiveResult ReceiveRtp(ReadOnlySpan<byte> datagram, SocketAddress source, out RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!RtpPacket.TryParse(datagram, out packet, out var failure))
        {
            return new RtpReceiveResult(RtpReceiveOutcome.Invalid, failure);
        }

        RtpSsrcChangedEventArgs? changed = null;
        RtpReceiveOutcome outcome;
        lock (_gate)
        {
            outcome = ReceiveLocked(packet, source, ref changed);
        }

        if (changed is not null)
        {
            LocalSsrcChanged?.Invoke(this, changed);
        }

        return new RtpReceiveResult(outcome);
    }

    /// <summary>
    /// Accounts one received RTCP compound: SR timing for LSR/DLSR, report blocks about us (RTT), SDES CNAMEs,
    /// BYE. Returns false with the reason when the compound is invalid.
    /// </summary>
    public bool ReceiveRtcp(ReadOnlySpan<byte> datagram, SocketAddress source, out RtcpParseFailure failure)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!RtcpCompoundPacket.TryParse(datagram, out var compound, out failure, out _))
        {
            return false;
        }

        List<RtpRemoteSource>? left = null;
        RtpSsrcChangedEventArgs? changed = null;
        lock (_gate)
        {
            var now = Now;
            _schedule.OnReportReceived(datagram.Length);
            var collided = false;
            foreach (var packet in compound)
            {
                if (collided)
                {
                    break;
                }

                switch (packet.PacketType)
                {
                    case RtcpPacketType.SenderReport:
                        {
                            var report = packet.AsSenderReport();
                            if (ReporterLocked(report.Ssrc, source, now, ref changed, ref collided) is not { } remote)
                            {
                                break;
                            }

                            var info = report.SenderInfo;
                            remote.LastSenderInfo = info;
                            remote.LastSenderReportNtp = info.NtpTimestamp.Middle32;
                            remote.LastSenderReportArrival = now;
                            for (var i = 0; i < report.ReportCount; i++)
                            {
                                AccountReportBlock(remote, report.GetReportBlock(i));
                            }

                            break;
                        }

                    case RtcpPacketType.ReceiverReport:
                        {
                            var report = packet.AsReceiverReport();
                            if (ReporterLocked(report.Ssrc, source, now, ref changed, ref collided) is not { } remote)
                            {
                                break;
                            }

                            for (var i = 0; i < report.ReportCount; i++)
                            {
                                AccountReportBlock(remote, report.GetReportBlock(i));
                            }

                            break;
                        }

                    case RtcpPacketType.SourceDescription:
                        foreach (var item in packet.AsSourceDescription())
                        {
                            if (item.Type == RtcpSourceDescriptionItemType.CanonicalName && Find(item.Ssrc) is { } described)
                            {
                                // CNAMEs repeat in every compound: decode only when it changed.
                                if (described.CanonicalNameBytes is null || !described.CanonicalNameBytes.AsSpan().SequenceEqual(item.Value))
                                {
                                    described.CanonicalNameBytes = item.Value.ToArray();
                                    described.CanonicalName = Encoding.UTF8.GetString(item.Value);
                                }
                            }
                        }

                        break;

                    case RtcpPacketType.Goodbye:
                        {
                            var bye = packet.AsGoodbye();
                            for (var i = 0; i < bye.SourceCount; i++)
                            {
                                if (Find(bye.GetSource(i)) is { } leaving)
                                {
                                    _sources.Remove(leaving);
                                    UnlatchRtcpFrom(leaving.Ssrc);
                                    (left ??= []).Add(leaving);
                                }
                            }

                            if (left is not null)
                            {
                                _schedule.OnMembersDecreased(now, 1 + _sources.Count);
                            }

                            break;
                        }
                }
            }

            UpdateMembers();
        }

        if (changed is not null)
        {
            LocalSsrcChanged?.Invoke(this, changed);
        }

        if (left is not null)
        {
            foreach (var source2 in left)
            {
                SourceLeft?.Invoke(this, new RtpSourceLeftEventArgs(source2, timedOut: false));
            }
        }

        return true;
    }

    /// <summary>
    /// Builds the scheduled compound when it is due at the current time, after timer reconsideration (RFC 3550
    /// §6.3.6). Returns its length, or 0 when nothing is due yet (see <see cref="NextRtcpDue"/>).
    /// </summary>
    public int TryBuildScheduledReport(Span<byte> destination)
    {
        List<RtpRemoteSource>? timedOut;
        int length;
        lock (_gate)
        {
            var now = Now;
            timedOut = ExpireSources(now);
            if (now < _schedule.NextTransmission || !_schedule.OnTimerExpired(now, WeSent))
            {
                length = 0;
            }
            else
            {
                length = BuildReportLocked(destination, now, default);
            }
        }

        RaiseTimedOut(timedOut);
        return length;
    }

    /// <summary>Builds a report compound now, regardless of the schedule (SR or RR, SDES, and any pending BYE).</summary>
    public int BuildReport(Span<byte> destination)
    {
        lock (_gate)
        {
            return BuildReportLocked(destination, Now, default);
        }
    }

    /// <summary>Builds the final compound when leaving the session: report, SDES and BYE for our SSRC (§6.6).</summary>
    public int BuildGoodbye(Span<byte> destination, string? reason = null)
    {
        Span<byte> text = stackalloc byte[255];
        var written = 0;
        if (!string.IsNullOrEmpty(reason) && !Encoding.UTF8.TryGetBytes(reason, text, out written))
        {
            throw new ArgumentException("The BYE reason has at most 255 UTF-8 bytes.", nameof(reason));
        }

        lock (_gate)
        {
            _pendingGoodbyeSsrc = _ssrc;
            _hasPendingGoodbye = true;
            return BuildReportLocked(destination, Now, text[..written]);
        }
    }

    private bool WeSent => _sentThisInterval || _sentPreviousInterval;

    private RtpReceiveOutcome ReceiveLocked(RtpPacket packet, SocketAddress source, ref RtpSsrcChangedEventArgs? changed)
    {
        // One clock read per packet serves both the session time and the A.8 arrival time.
        var ticks = _time.GetTimestamp();
        var now = _time.GetElapsedTime(_start, ticks);
        if (packet.Ssrc == _ssrc)
        {
            return HandleOwnSsrc(source, ref changed);
        }

        var remote = Find(packet.Ssrc);
        var isNew = false;
        if (remote is null)
        {
            remote = FindOrAdd(packet.Ssrc, now, _clockRates[packet.PayloadType]);
            if (remote is null)
            {
                return RtpReceiveOutcome.TooManySources;
            }

            isNew = true;
        }

        if (_options.SymmetricRtp && !AcceptAddress(source, packet.SequenceNumber, now))
        {
            return RtpReceiveOutcome.WrongSource;
        }

        var wasValid = remote.Statistics.IsValid;
        var wasSender = remote.LastRtp is { } lastRtp && now - lastRtp <= _senderTimeout;
        remote.LastHeard = now;
        remote.LastRtp = now;
        var arrival = RtpReceiveStatistics.ToTimestampUnits(ticks, _time.TimestampFrequency, remote.Statistics.ClockRate);
        var acceptance = remote.Statistics.Update(packet.SequenceNumber, packet.Timestamp, arrival);

        // Member and sender counts only change when a source appears, validates or resumes sending; the
        // per-report expiry pass (§6.3.5) handles the rest, so the per-packet path stays cheap.
        if (isNew || wasValid != remote.Statistics.IsValid || !wasSender)
        {
            UpdateMembers();
        }

        return acceptance switch
        {
            RtpPacketAcceptance.Accepted => RtpReceiveOutcome.Accepted,
            RtpPacketAcceptance.AcceptedLate => RtpReceiveOutcome.AcceptedLate,
            RtpPacketAcceptance.Restarted => RtpReceiveOutcome.Restarted,
            RtpPacketAcceptance.Probation => RtpReceiveOutcome.Probation,
            _ => RtpReceiveOutcome.BadSequence,
        };
    }

    // RFC 4961 symmetric RTP: learn the address media comes from; another address may take over only after
    // the latched one has gone quiet and the newcomer sent MIN_SEQUENTIAL packets in sequence. The address the peer
    // signalled (SDP) is its own word: media from it latches at once and takes the latch back from any other source,
    // so a stray stream that reached us first (a port still fed by an ended call, an RTP-bleed style injection) cannot
    // hold the call while the real peer is sending.
    private bool AcceptAddress(SocketAddress source, ushort sequence, TimeSpan now)
    {
        if (_rtpLatched && _remoteRtp!.Equals(source))
        {
            _latchedLastHeard = now;
            _candidateRun = 0;
            return true;
        }

        if (_signalledRtp is not null && _signalledRtp.Equals(source))
        {
            _remoteRtp = _signalledRtp;
            _candidate = null;
            _candidateRun = 0;
            _rtpLatched = true;
            _latchedLastHeard = now;
            return true;
        }

        if (_candidate is not null && _candidate.Equals(source) && sequence == (ushort)(_candidateSequence + 1))
        {
            _candidateRun++;
        }
        else
        {
            _candidate = Copy(source);
            _candidateRun = 1;
        }

        _candidateSequence = sequence;
        var mayTakeOver = !_rtpLatched || now - _latchedLastHeard >= _options.RelatchAfter;
        if (mayTakeOver && _candidateRun >= RtpReceiveStatistics.MinSequential)
        {
            _remoteRtp = _candidate;
            _candidate = null;
            _candidateRun = 0;
            _rtpLatched = true;
            _latchedLastHeard = now;
            return true;
        }

        // Before the first latch, media from anyone plays (the far end is still proving itself).
        return !_rtpLatched;
    }

    // Symmetric RTCP (RFC 4961) with the same caution as RTP: the address the peer signalled for RTCP is its own word
    // and latches at once; any other address must report for a source that proved itself with valid RTP, and cannot
    // take over from the signalled address while that one keeps reporting. A report from an SSRC that never sent us
    // media (a stray datagram to a reused port, an injection) does not steer where our reports go.
    private void LatchRtcp(SocketAddress source, RtpRemoteSource reporter)
    {
        if (!_options.SymmetricRtp || _options.RtcpMux)
        {
            return;
        }

        if (_rtcpLatched && source.Equals(_remoteRtcp))
        {
            _rtcpLatchSsrc = reporter.Ssrc;
            return;
        }

        if (_signalledRtcp is not null && _signalledRtcp.Equals(source))
        {
            _remoteRtcp = _signalledRtcp;
            _rtcpLatched = true;
            _rtcpLatchSsrc = reporter.Ssrc;
            return;
        }

        var holdsSignalled = _rtcpLatched && ReferenceEquals(_remoteRtcp, _signalledRtcp);
        if (!holdsSignalled && reporter.Statistics.IsValid && reporter.LastRtp is not null)
        {
            _remoteRtcp = Copy(source);
            _rtcpLatched = true;
            _rtcpLatchSsrc = reporter.Ssrc;
        }
    }

    // The source whose reports latched RTCP left (BYE or timeout): reports go back to the signalled address.
    private void UnlatchRtcpFrom(uint ssrc)
    {
        if (_rtcpLatched && _rtcpLatchSsrc == ssrc)
        {
            _rtcpLatched = false;
            _remoteRtcp = _signalledRtcp;
        }
    }

    // RFC 3550 §8.2: our SSRC from elsewhere is a collision the first time and a loop when the same address repeats it.
    private RtpReceiveOutcome HandleOwnSsrc(SocketAddress source, ref RtpSsrcChangedEventArgs? changed)
    {
        foreach (var address in _conflictAddresses)
        {
            if (address.Equals(source))
            {
                return RtpReceiveOutcome.Loop;
            }
        }

        if (_conflictAddresses.Count >= 8)
        {
            _conflictAddresses.RemoveAt(0);
        }

        _conflictAddresses.Add(Copy(source));
        var old = _ssrc;
        _pendingGoodbyeSsrc = old;
        _hasPendingGoodbye = true;
        _ssrc = NewSsrc();
        _packetsSent = 0;
        _octetsSent = 0;
        _sentThisInterval = false;
        _sentPreviousInterval = false;
        changed = new RtpSsrcChangedEventArgs(old, _ssrc);
        return RtpReceiveOutcome.SsrcCollision;
    }

    private bool CheckRtcpCollision(uint ssrc, SocketAddress source, ref RtpSsrcChangedEventArgs? changed) =>
        ssrc == _ssrc && HandleOwnSsrc(source, ref changed) is RtpReceiveOutcome.SsrcCollision or RtpReceiveOutcome.Loop;

    // The source an SR or RR comes from, heard now and allowed to latch RTCP; null when it collides with our SSRC
    // (the rest of the compound is then ignored) or no more sources fit.
    private RtpRemoteSource? ReporterLocked(uint ssrc, SocketAddress source, TimeSpan now, ref RtpSsrcChangedEventArgs? changed, ref bool collided)
    {
        if (CheckRtcpCollision(ssrc, source, ref changed))
        {
            collided = true;
            return null;
        }

        if (FindOrAdd(ssrc, now) is not { } remote)
        {
            return null;
        }

        LatchRtcp(source, remote);
        remote.LastHeard = now;
        return remote;
    }

    private void AccountReportBlock(RtpRemoteSource remote, in RtcpReportBlock block)
    {
        if (block.Ssrc != _ssrc)
        {
            return;
        }

        remote.ReportAboutUs = block;
        if (block.LastSenderReport != 0)
        {
            // RFC 3550 §6.4.1: RTT = A - LSR - DLSR, all in the middle-32-bit NTP units.
            var arrival = NtpTimestamp.FromDateTimeOffset(_time.GetUtcNow()).Middle32;
            var rtt = unchecked(arrival - block.LastSenderReport - block.DelaySinceLastSenderReport);
            if (rtt < 0x8000_0000)
            {
                remote.RoundTripTime = NtpTimestamp.FromCompactUnits(rtt);
            }
        }
    }

    private int BuildReportLocked(Span<byte> destination, TimeSpan now, ReadOnlySpan<byte> reason)
    {
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[MaxReportBlocks];
        var count = 0;
        foreach (var remote in _sources)
        {
            if (count == MaxReportBlocks)
            {
                break;
            }

            if (!remote.Statistics.IsValid || remote.LastRtp is null)
            {
                continue;
            }

            var figures = remote.Statistics.TakeReport();
            var dlsr = remote.LastSenderReportNtp == 0 ? 0u : NtpTimestamp.ToCompactUnits(now - remote.LastSenderReportArrival);
            blocks[count++] = new RtcpReportBlock(remote.Ssrc, figures.FractionLost, figures.CumulativeLost, figures.ExtendedHighestSequence, figures.Jitter, remote.LastSenderReportNtp, dlsr);
        }

        var builder = new RtcpCompoundBuilder(destination);
        var weSent = WeSent;
        if (weSent)
        {
            // RFC 3550 §6.4.1: the RTP timestamp is the send clock extrapolated to the NTP instant of the report.
            var elapsed = _time.GetElapsedTime(_lastSendTicks);
            var rtpNow = unchecked(_lastSendTimestamp + (uint)(elapsed.Ticks * _sendClockRate / TimeSpan.TicksPerSecond));
            var info = new RtcpSenderInfo(NtpTimestamp.FromDateTimeOffset(_time.GetUtcNow()), rtpNow, _packetsSent, _octetsSent);
            builder.AddSenderReport(_ssrc, info, blocks[..count]);
        }
        else
        {
            builder.AddReceiverReport(_ssrc, blocks[..count]);
        }

        builder.AddSourceDescription(_ssrc, _cname);
        if (_hasPendingGoodbye)
        {
            Span<uint> leaving = [_pendingGoodbyeSsrc];
            builder.AddGoodbye(leaving, reason);
            _hasPendingGoodbye = false;
        }

        _schedule.OnReportSent(now, builder.Length, weSent);
        _sentPreviousInterval = _sentThisInterval;
        _sentThisInterval = false;
        return builder.Length;
    }

    // RFC 3550 §6.3.5: members silent for 5 deterministic intervals leave; senders silent for 2 stop counting.
    private List<RtpRemoteSource>? ExpireSources(TimeSpan now)
    {
        var td = RtcpInterval.Deterministic(_schedule.Members, _rtcpBandwidth, _schedule.AverageRtcpSize, _schedule.Initial, _minimumInterval);
        List<RtpRemoteSource>? timedOut = null;
        for (var i = _sources.Count - 1; i >= 0; i--)
        {
            if (now - _sources[i].LastHeard > td * 5)
            {
                (timedOut ??= []).Add(_sources[i]);
                UnlatchRtcpFrom(_sources[i].Ssrc);
                _sources.RemoveAt(i);
            }
        }

        if (timedOut is not null)
        {
            _schedule.OnMembersDecreased(now, 1 + _sources.Count);
        }

        UpdateMembers(now, td);
        return timedOut;
    }

    private void RaiseTimedOut(List<RtpRemoteSource>? timedOut)
    {
        if (timedOut is null)
        {
            return;
        }

        foreach (var source in timedOut)
        {
            SourceLeft?.Invoke(this, new RtpSourceLeftEventArgs(source, timedOut: true));
        }
    }

    private void UpdateMembers() => UpdateMembers(Now, RtcpInterval.Deterministic(_schedule.Members, _rtcpBandwidth, _schedule.AverageRtcpSize, _schedule.Initial, _minimumInterval));

    private void UpdateMembers(TimeSpan now, TimeSpan td)
    {
        _senderTimeout = td * 2;
        var members = 1;
        var senders = WeSent ? 1 : 0;
        foreach (var source in _sources)
        {
            if (source.Statistics.IsValid || source.LastSenderInfo is not null || source.CanonicalName is not null)
            {
                members++;
            }

            if (source.LastRtp is { } lastRtp && now - lastRtp <= td * 2)
            {
                senders++;
            }
        }

        _schedule.Members = members;
        _schedule.Senders = senders;
    }

    private void AccountSent(int payloadLength, uint timestamp)
    {
        _packetsSent++;
        _octetsSent += (uint)payloadLength;
        _sentThisInterval = true;
        _lastSendTicks = _time.GetTimestamp();
        _lastSendTimestamp = timestamp;
    }

    // Timestamps stay a continuous function of media time when the clock rate changes between payload types
    // (RFC 7160 discusses the options): the elapsed media time is rescaled to the new rate.
    private void SwitchClock(byte payloadType)
    {
        var rate = _clockRates[payloadType & 0x7F];
        if (rate != _sendClockRate)
        {
            var elapsed = unchecked(_timestamp - _initialTimestamp);
            _timestamp = unchecked(_initialTimestamp + (uint)((ulong)elapsed * (ulong)rate / (ulong)_sendClockRate));
            _sendClockRate = rate;
        }
    }

    private RtpRemoteSource? Find(uint ssrc)
    {
        foreach (var source in _sources)
        {
            if (source.Ssrc == ssrc)
            {
                return source;
            }
        }

        return null;
    }

    private RtpRemoteSource? FindOrAdd(uint ssrc, TimeSpan now, int clockRate = 0)
    {
        if (Find(ssrc) is { } existing)
        {
            return existing;
        }

        if (_sources.Count >= _options.MaxRemoteSources)
        {
            return null;
        }

        var source = new RtpRemoteSource(ssrc, clockRate > 0 ? clockRate : _options.DefaultClockRate, now);
        _sources.Add(source);
        return source;
    }

    // RFC 3550 §8.1: a random SSRC, never one already seen in the session.
    private uint NewSsrc()
    {
        while (true)
        {
            var candidate = (uint)_random.NextInt64(1, 1L << 32);
            if (candidate != _ssrc && Find(candidate) is null)
            {
                return candidate;
            }
        }
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
