using System.Net;
using CallCenterSdk.Media.Rtcp;
using CallCenterSdk.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Media.Tests.Rtp;

public class RtpSessionTests
{
    private static readonly SocketAddress SdpAddress = Address("192.0.2.10", 4000);
    private static readonly SocketAddress NatAddress = Address("198.51.100.7", 31000);
    private static readonly SocketAddress Intruder = Address("203.0.113.66", 5555);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static SocketAddress Address(string ip, int port) => new IPEndPoint(IPAddress.Parse(ip), port).Serialize();

    private RtpSession NewSession(int seed, bool symmetric = true, bool mux = false, int maxSources = 16) => new(
        new RtpSessionOptions
        {
            CanonicalName = $"session{seed}@test",
            SymmetricRtp = symmetric,
            RtcpMux = mux,
            MaxRemoteSources = maxSources,
            PayloadClockRates = new Dictionary<byte, int> { [0] = 8000, [101] = 8000, [111] = 48000 },
        },
        _time,
        new Random(seed));

    private static byte[] Packet(uint ssrc, ushort sequence, uint timestamp, byte payloadType = 0)
    {
        var buffer = new byte[12 + 160];
        RtpPacketBuilder.Write(buffer, new RtpHeader(payloadType, sequence, timestamp, ssrc), new byte[160]);
        return buffer;
    }

    private byte[] Send(RtpSession session, byte payloadType = 0, int units = 160)
    {
        var buffer = new byte[200];
        var length = session.WriteAudio(buffer, payloadType, units, new byte[160]);
        return buffer[..length];
    }

    private static byte[] Report(RtpSession session)
    {
        var buffer = new byte[1500];
        return buffer[..session.BuildReport(buffer)];
    }

    [Fact]
    public void Ssrc_sequence_and_timestamp_start_random_and_reproducible_from_the_seed()
    {
        var a = NewSession(1);
        var b = NewSession(1);
        var c = NewSession(2);
        Assert.Equal(a.LocalSsrc, b.LocalSsrc);
        Assert.Equal(a.NextSequenceNumber, b.NextSequenceNumber);
        Assert.Equal(a.CurrentTimestamp, b.CurrentTimestamp);
        Assert.NotEqual(a.LocalSsrc, c.LocalSsrc);
        Assert.NotEqual(0u, a.LocalSsrc);
    }

    [Fact]
    public void Audio_packets_count_sequence_advance_timestamp_and_mark_talkspurts()
    {
        var session = NewSession(3);
        var sequence = session.NextSequenceNumber;
        var timestamp = session.CurrentTimestamp;

        var first = RtpPacket.Parse(Send(session));
        Assert.True(first.Marker);
        Assert.Equal(sequence, first.SequenceNumber);
        Assert.Equal(timestamp, first.Timestamp);
        Assert.Equal(session.LocalSsrc, first.Ssrc);

        var second = RtpPacket.Parse(Send(session));
        Assert.False(second.Marker);
        Assert.Equal((ushort)(sequence + 1), second.SequenceNumber);
        Assert.Equal(timestamp + 160, second.Timestamp);

        // Silence: the clock runs on without packets, and the next packet starts a talkspurt.
        session.AdvanceTimestamp(800);
        var third = RtpPacket.Parse(Send(session));
        Assert.True(third.Marker);
        Assert.Equal((ushort)(sequence + 2), third.SequenceNumber);
        Assert.Equal(timestamp + 160 + 160 + 800, third.Timestamp);
        Assert.Equal(3u, session.PacketsSent);
    }

    [Fact]
    public void Timestamp_is_rescaled_when_the_payload_clock_rate_changes()
    {
        var session = NewSession(4);
        var start = session.CurrentTimestamp;
        for (var i = 0; i < 10; i++)
        {
            Send(session, payloadType: 0, units: 160);
        }

        // 10 x 20 ms at 8 kHz = 200 ms; at 48 kHz that is 9600 units after the same origin.
        var opus = RtpPacket.Parse(Send(session, payloadType: 111, units: 960));
        Assert.Equal(unchecked(start + 9600), opus.Timestamp);
        Assert.Equal(unchecked(start + 9600 + 960), session.CurrentTimestamp);

        // Same clock rate (telephone-event at 8000 after PCMU): no rescaling.
        var other = NewSession(5);
        var t0 = other.CurrentTimestamp;
        Send(other, 0);
        var buffer = new byte[64];
        other.WriteWithTimestamp(buffer, 101, other.CurrentTimestamp, true, [1, 0, 0, 160]);
        Assert.Equal(t0 + 160, RtpPacket.Parse(buffer.AsSpan(0, 16)).Timestamp);
    }

    [Fact]
    public void Received_rtp_feeds_per_source_statistics_and_the_receiver_report()
    {
        var sender = NewSession(10);
        var receiver = NewSession(11);
        var outcomes = new List<RtpReceiveOutcome>();
        for (var i = 0; i < 50; i++)
        {
            var datagram = Send(sender);
            _time.Advance(TimeSpan.FromMilliseconds(20));
            if (i is 20 or 21 or 35)
            {
                continue; // lost
            }

            outcomes.Add(receiver.ReceiveRtp(datagram, SdpAddress).Outcome);
        }

        Assert.Equal(RtpReceiveOutcome.Probation, outcomes[0]);
        Assert.All(outcomes.Skip(1), o => Assert.Equal(RtpReceiveOutcome.Accepted, o));
        var source = Assert.Single(receiver.GetSources());
        Assert.Equal(sender.LocalSsrc, source.Ssrc);

        // Base is the second packet: expected 49, received 46, lost 3; perfectly paced, so no jitter.
        Assert.Equal(3, source.Statistics.CumulativeLost);

        var compound = RtcpCompoundPacket.Parse(Report(receiver));
        var sawReport = false;
        foreach (var packet in compound)
        {
            if (packet.PacketType == RtcpPacketType.ReceiverReport)
            {
                var rr = packet.AsReceiverReport();
                Assert.Equal(receiver.LocalSsrc, rr.Ssrc);
                var block = rr.GetReportBlock(0);
                Assert.Equal(sender.LocalSsrc, block.Ssrc);
                Assert.Equal(3, block.CumulativeLost);
                Assert.Equal((byte)(3 * 256 / 49), block.FractionLost);
                Assert.Equal(0u, block.Jitter);
                Assert.Equal(0u, block.LastSenderReport);
                sawReport = true;
            }
        }

        Assert.True(sawReport);
    }

    [Fact]
    public void Ssrc_change_of_the_far_end_starts_a_new_source_with_its_own_statistics()
    {
        var receiver = NewSession(12);
        for (ushort s = 0; s < 10; s++)
        {
            receiver.ReceiveRtp(Packet(0x1111, s, s * 160u), SdpAddress);
        }

        // The far end restarts with a new SSRC and sequence (a re-INVITE to another media server, say).
        Assert.Equal(RtpReceiveOutcome.Probation, receiver.ReceiveRtp(Packet(0x2222, 40000, 0), SdpAddress).Outcome);
        Assert.Equal(RtpReceiveOutcome.Accepted, receiver.ReceiveRtp(Packet(0x2222, 40001, 160), SdpAddress).Outcome);
        receiver.ReceiveRtp(Packet(0x2222, 40003, 480), SdpAddress);

        var old = receiver.GetSource(0x1111)!;
        var renewed = receiver.GetSource(0x2222)!;
        Assert.Equal(9u, old.Statistics.Received);
        Assert.Equal(0, old.Statistics.CumulativeLost);
        Assert.Equal(40001u, renewed.Statistics.BaseSequence);
        Assert.Equal(2u, renewed.Statistics.Received);
        Assert.Equal(1, renewed.Statistics.CumulativeLost);

        var blocks = 0;
        foreach (var packet in RtcpCompoundPacket.Parse(Report(receiver)))
        {
            if (packet.PacketType == RtcpPacketType.ReceiverReport)
            {
                blocks = packet.AsReceiverReport().ReportCount;
            }
        }

        Assert.Equal(2, blocks);
    }

    [Fact]
    public void Sender_report_carries_counts_and_round_trip_time_is_computed_from_lsr_and_dlsr()
    {
        var a = NewSession(20);
        var b = NewSession(21);
        for (var i = 0; i < 10; i++)
        {
            b.ReceiveRtp(Send(a), SdpAddress);
            a.ReceiveRtp(Send(b), SdpAddress);
        }

        var srBytes = Report(a);
        var sr = default(RtcpSenderInfo);
        foreach (var packet in RtcpCompoundPacket.Parse(srBytes))
        {
            if (packet.PacketType == RtcpPacketType.SenderReport)
            {
                sr = packet.AsSenderReport().SenderInfo;
            }
        }

        Assert.Equal(10u, sr.PacketCount);
        Assert.Equal(1600u, sr.OctetCount);
        Assert.Equal(NtpTimestamp.FromDateTimeOffset(_time.GetUtcNow()), sr.NtpTimestamp);

        // One-way delay 30 ms each way; b holds the SR for 100 ms before reporting.
        _time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.True(b.ReceiveRtcp(srBytes, SdpAddress, out _));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var rrBytes = Report(b);
        _time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.True(a.ReceiveRtcp(rrBytes, SdpAddress, out _));

        var view = a.GetSource(b.LocalSsrc)!;
        Assert.NotNull(view.ReportAboutUs);
        Assert.Equal(a.LocalSsrc, view.ReportAboutUs!.Value.Ssrc);
        Assert.InRange(view.RoundTripTime!.Value.TotalMilliseconds, 59.9, 60.1);
        Assert.Equal("session21@test", view.CanonicalName);
    }

    [Fact]
    public void Bye_from_the_far_end_removes_the_source_and_raises_source_left()
    {
        var a = NewSession(30);
        var b = NewSession(31);
        for (var i = 0; i < 5; i++)
        {
            a.ReceiveRtp(Send(b), SdpAddress);
        }

        RtpSourceLeftEventArgs? left = null;
        a.SourceLeft += (_, e) => left = e;
        var buffer = new byte[1500];
        var length = b.BuildGoodbye(buffer, "call ended");
        var byeSeen = false;
        foreach (var packet in RtcpCompoundPacket.Parse(buffer.AsSpan(0, length)))
        {
            if (packet.PacketType == RtcpPacketType.Goodbye)
            {
                byeSeen = packet.AsGoodbye().GetSource(0) == b.LocalSsrc && System.Text.Encoding.UTF8.GetString(packet.AsGoodbye().Reason) == "call ended";
            }
        }

        Assert.True(byeSeen);
        Assert.True(a.ReceiveRtcp(buffer.AsSpan(0, length), SdpAddress, out _));
        Assert.NotNull(left);
        Assert.False(left!.TimedOut);
        Assert.Equal(b.LocalSsrc, left.Source.Ssrc);
        Assert.Empty(a.GetSources());
    }

    [Fact]
    public void Silent_source_times_out_after_five_rtcp_intervals()
    {
        var a = NewSession(32);
        for (ushort s = 0; s < 5; s++)
        {
            a.ReceiveRtp(Packet(0x3333, s, s * 160u), SdpAddress);
        }

        RtpSourceLeftEventArgs? left = null;
        a.SourceLeft += (_, e) => left = e;
        _time.Advance(TimeSpan.FromSeconds(10));
        a.TryBuildScheduledReport(new byte[1500]);
        Assert.Null(left);

        _time.Advance(TimeSpan.FromSeconds(30));
        a.TryBuildScheduledReport(new byte[1500]);
        Assert.NotNull(left);
        Assert.True(left!.TimedOut);
        Assert.Null(a.GetSource(0x3333));
    }

    [Fact]
    public void Own_ssrc_from_another_address_is_a_collision_then_a_loop()
    {
        var a = NewSession(40);
        var old = a.LocalSsrc;
        Send(a);
        RtpSsrcChangedEventArgs? changed = null;
        a.LocalSsrcChanged += (_, e) => changed = e;

        Assert.Equal(RtpReceiveOutcome.SsrcCollision, a.ReceiveRtp(Packet(old, 7, 0), Intruder).Outcome);
        Assert.NotNull(changed);
        Assert.Equal(old, changed!.OldSsrc);
        Assert.NotEqual(old, a.LocalSsrc);
        Assert.Equal(a.LocalSsrc, changed.NewSsrc);
        Assert.Equal(0u, a.PacketsSent);

        // New packets use the new SSRC, and the next compound says BYE for the old one (RFC 3550 §8.2).
        Assert.Equal(a.LocalSsrc, RtpPacket.Parse(Send(a)).Ssrc);
        var byes = new List<uint>();
        foreach (var packet in RtcpCompoundPacket.Parse(Report(a)))
        {
            if (packet.PacketType == RtcpPacketType.Goodbye)
            {
                byes.Add(packet.AsGoodbye().GetSource(0));
            }
        }

        Assert.Equal([old], byes);

        // The same address sending a packet with our (new or old) SSRC again is a loop: nothing changes.
        var current = a.LocalSsrc;
        Assert.Equal(RtpReceiveOutcome.Loop, a.ReceiveRtp(Packet(current, 8, 0), Intruder).Outcome);
        Assert.Equal(current, a.LocalSsrc);
    }

    [Fact]
    public void Symmetric_rtp_latches_to_the_address_media_comes_from()
    {
        var a = NewSession(50);
        a.SetRemote(SdpAddress);
        Assert.Equal(SdpAddress, a.RemoteRtpAddress);
        Assert.False(a.IsRtpLatched);

        // The caller is behind NAT: media arrives from another address; two in sequence latch it.
        Assert.Equal(RtpReceiveOutcome.Probation, a.ReceiveRtp(Packet(0x4444, 100, 0), NatAddress).Outcome);
        Assert.False(a.IsRtpLatched);
        Assert.Equal(RtpReceiveOutcome.Accepted, a.ReceiveRtp(Packet(0x4444, 101, 160), NatAddress).Outcome);
        Assert.True(a.IsRtpLatched);
        Assert.Equal(NatAddress, a.RemoteRtpAddress);

        // Someone else injecting packets is ignored while the latched source is active.
        Assert.Equal(RtpReceiveOutcome.WrongSource, a.ReceiveRtp(Packet(0x4444, 102, 320), Intruder).Outcome);
        Assert.Equal(RtpReceiveOutcome.WrongSource, a.ReceiveRtp(Packet(0x4444, 103, 480), Intruder).Outcome);
        Assert.Equal(NatAddress, a.RemoteRtpAddress);
        Assert.Equal(RtpReceiveOutcome.Accepted, a.ReceiveRtp(Packet(0x4444, 102, 320), NatAddress).Outcome);
    }

    [Fact]
    public void Symmetric_rtp_relatches_after_the_old_address_goes_quiet()
    {
        var a = NewSession(51);
        a.ReceiveRtp(Packet(0x5555, 1, 0), NatAddress);
        a.ReceiveRtp(Packet(0x5555, 2, 160), NatAddress);
        Assert.Equal(NatAddress, a.RemoteRtpAddress);

        // The NAT binding changed: after a second of silence the new address takes over once it proves itself.
        _time.Advance(TimeSpan.FromSeconds(1.5));
        var moved = Address("198.51.100.7", 31002);
        Assert.Equal(RtpReceiveOutcome.WrongSource, a.ReceiveRtp(Packet(0x5555, 3, 320), moved).Outcome);
        Assert.Equal(RtpReceiveOutcome.Accepted, a.ReceiveRtp(Packet(0x5555, 4, 480), moved).Outcome);
        Assert.Equal(moved, a.RemoteRtpAddress);
    }

    [Fact]
    public void The_signalled_address_takes_the_latch_back_from_a_stray_stream_that_came_first()
    {
        // A port reused at once can still be fed by an ended call's sender; it reaches us before the real peer and
        // proves itself first. As soon as the address the peer signalled sends, it wins, and the stray one is ignored.
        var a = NewSession(53);
        a.SetRemote(SdpAddress);
        a.ReceiveRtp(Packet(0x7777, 10, 0), Intruder);
        a.ReceiveRtp(Packet(0x7777, 11, 160), Intruder);
        Assert.Equal(Intruder, a.RemoteRtpAddress);

        Assert.Equal(RtpReceiveOutcome.Probation, a.ReceiveRtp(Packet(0x8888, 500, 0), SdpAddress).Outcome);
        Assert.True(a.IsRtpLatched);
        Assert.Equal(SdpAddress, a.RemoteRtpAddress);
        Assert.Equal(RtpReceiveOutcome.WrongSource, a.ReceiveRtp(Packet(0x7777, 12, 320), Intruder).Outcome);
        Assert.Equal(RtpReceiveOutcome.WrongSource, a.ReceiveRtp(Packet(0x7777, 13, 480), Intruder).Outcome);
        Assert.Equal(RtpReceiveOutcome.Accepted, a.ReceiveRtp(Packet(0x8888, 501, 160), SdpAddress).Outcome);
        Assert.Equal(SdpAddress, a.RemoteRtpAddress);

        // The first packet from the signalled address latches at once, without probation of the address.
        var b = NewSession(54);
        b.SetRemote(SdpAddress);
        b.ReceiveRtp(Packet(0x9999, 1, 0), SdpAddress);
        Assert.True(b.IsRtpLatched);
        Assert.Equal(RtpReceiveOutcome.WrongSource, b.ReceiveRtp(Packet(0x7777, 12, 320), Intruder).Outcome);
    }

    [Fact]
    public void Without_symmetric_rtp_the_signalled_address_is_kept()
    {
        var a = NewSession(52, symmetric: false);
        a.SetRemote(SdpAddress, Address("192.0.2.10", 4001));
        a.ReceiveRtp(Packet(0x6666, 1, 0), NatAddress);
        a.ReceiveRtp(Packet(0x6666, 2, 160), NatAddress);
        Assert.Equal(SdpAddress, a.RemoteRtpAddress);
        Assert.Equal(Address("192.0.2.10", 4001), a.RemoteRtcpAddress);
    }

    [Fact]
    public void Rtcp_address_latches_separately_unless_rtcp_mux()
    {
        var a = NewSession(53);
        var b = NewSession(54);
        a.SetRemote(SdpAddress, Address("192.0.2.10", 4001));
        var rtcpSource = Address("198.51.100.7", 31001);

        // A report from an SSRC that never sent media does not move our reports.
        Assert.True(a.ReceiveRtcp(Report(b), rtcpSource, out _));
        Assert.Equal(Address("192.0.2.10", 4001), a.RemoteRtcpAddress);

        // Once b's RTP is valid (behind NAT), its reports latch RTCP to where they come from.
        a.ReceiveRtp(Send(b), NatAddress);
        a.ReceiveRtp(Send(b), NatAddress);
        Assert.True(a.ReceiveRtcp(Report(b), rtcpSource, out _));
        Assert.Equal(rtcpSource, a.RemoteRtcpAddress);

        var muxed = NewSession(55, mux: true);
        muxed.SetRemote(SdpAddress);
        Assert.Equal(SdpAddress, muxed.RemoteRtcpAddress);
        muxed.ReceiveRtp(Packet(0x7777, 1, 0), NatAddress);
        muxed.ReceiveRtp(Packet(0x7777, 2, 160), NatAddress);
        Assert.Equal(NatAddress, muxed.RemoteRtcpAddress);
    }

    [Fact]
    public void A_stray_report_and_goodbye_cannot_take_rtcp_from_the_signalled_address()
    {
        // The peer's SSRC arrives in a stray compound from another address (a datagram to a reused port from an
        // earlier session with the same SSRC): while the signalled address reports, it keeps the latch; when the
        // stray's SSRC says BYE, reports go back to the signalled address.
        var signalledRtcp = Address("192.0.2.10", 4001);
        var a = NewSession(56);
        var b = NewSession(57);
        a.SetRemote(SdpAddress, signalledRtcp);
        a.ReceiveRtp(Send(b), SdpAddress);
        a.ReceiveRtp(Send(b), SdpAddress);
        Assert.True(a.ReceiveRtcp(Report(b), signalledRtcp, out _));
        Assert.Equal(signalledRtcp, a.RemoteRtcpAddress);

        var stray = Address("127.0.0.1", 40123);
        Assert.True(a.ReceiveRtcp(Report(b), stray, out _));
        Assert.Equal(signalledRtcp, a.RemoteRtcpAddress);

        // Before the signalled address reported, a proven SSRC may latch elsewhere; its BYE gives the latch back.
        var c = NewSession(58);
        c.SetRemote(SdpAddress, signalledRtcp);
        c.ReceiveRtp(Send(b), SdpAddress);
        c.ReceiveRtp(Send(b), SdpAddress);
        Assert.True(c.ReceiveRtcp(Report(b), stray, out _));
        Assert.Equal(stray, c.RemoteRtcpAddress);
        var buffer = new byte[1500];
        Assert.True(c.ReceiveRtcp(buffer.AsSpan(0, b.BuildGoodbye(buffer)), stray, out _));
        Assert.Equal(signalledRtcp, c.RemoteRtcpAddress);
    }

    [Fact]
    public void The_rtcp_latch_returns_to_the_signalled_address_when_its_source_times_out()
    {
        var signalledRtcp = Address("192.0.2.10", 4001);
        var a = NewSession(59);
        var b = NewSession(60);
        a.SetRemote(SdpAddress, signalledRtcp);
        a.ReceiveRtp(Send(b), NatAddress);
        a.ReceiveRtp(Send(b), NatAddress);
        var natRtcp = Address("198.51.100.7", 31001);
        Assert.True(a.ReceiveRtcp(Report(b), natRtcp, out _));
        Assert.Equal(natRtcp, a.RemoteRtcpAddress);

        // Silent far beyond five report intervals: b times out at the next scheduled report, and the latch with it.
        _time.Advance(TimeSpan.FromMinutes(2));
        var buffer = new byte[1500];
        a.TryBuildScheduledReport(buffer);
        Assert.Null(a.GetSource(b.LocalSsrc));
        Assert.Equal(signalledRtcp, a.RemoteRtcpAddress);
    }

    [Fact]
    public void Invalid_datagrams_are_reported_with_the_parse_failure()
    {
        var a = NewSession(60);
        var result = a.ReceiveRtp(new byte[] { 0x80, 0, 0 }, SdpAddress);
        Assert.Equal(RtpReceiveOutcome.Invalid, result.Outcome);
        Assert.Equal(RtpParseFailure.TooShort, result.ParseFailure);
        Assert.False(result.ShouldPlay);
        Assert.False(a.ReceiveRtcp(new byte[] { 0x81, 202, 0, 0 }, SdpAddress, out var failure));
        Assert.Equal(RtcpParseFailure.FirstPacketNotReport, failure);
    }

    [Fact]
    public void Remote_source_count_is_bounded()
    {
        var a = NewSession(61, symmetric: false, maxSources: 2);
        a.ReceiveRtp(Packet(1, 1, 0), SdpAddress);
        a.ReceiveRtp(Packet(2, 1, 0), SdpAddress);
        Assert.Equal(RtpReceiveOutcome.TooManySources, a.ReceiveRtp(Packet(3, 1, 0), SdpAddress).Outcome);
        Assert.Equal(2, a.GetSources().Count);
    }

    [Fact]
    public void Scheduled_reports_follow_the_rtcp_interval()
    {
        var a = NewSession(70);
        var buffer = new byte[1500];
        Assert.Equal(0, a.TryBuildScheduledReport(buffer));

        // The first report comes within the initial interval: at most 1.5 x 2.5 s / 1.21828 = 3.08 s.
        var sent = 0;
        for (var i = 0; i < 10 && sent == 0; i++)
        {
            _time.Advance(a.NextRtcpDue - a.Now);
            sent = a.TryBuildScheduledReport(buffer);
        }

        Assert.True(sent > 0);
        Assert.InRange(a.Now.TotalSeconds, 2.5 * 0.5 / 1.21828, 2.5 * 1.5 / 1.21828);
        RtcpCompoundPacket.Parse(buffer.AsSpan(0, sent));

        // After it, the next is due 5 s x [0.5, 1.5) / 1.21828 later.
        var gap = a.NextRtcpDue - a.Now;
        Assert.InRange(gap.TotalSeconds, 5 * 0.5 / 1.21828, 5 * 1.5 / 1.21828);
        Assert.Equal(0, a.TryBuildScheduledReport(buffer));
    }

    [Fact]
    public void Report_is_a_receiver_report_until_we_send_and_a_sender_report_after()
    {
        var a = NewSession(71);
        Assert.Equal((byte)RtcpPacketType.ReceiverReport, Report(a)[1]);
        Send(a);
        Assert.Equal((byte)RtcpPacketType.SenderReport, Report(a)[1]);

        // §6.4: we stay a sender for the report after the interval we sent in, then fall back to RR.
        Assert.Equal((byte)RtcpPacketType.SenderReport, Report(a)[1]);
        Assert.Equal((byte)RtcpPacketType.ReceiverReport, Report(a)[1]);
    }
}
