using CallCenterSdk.Media.Rtp;

namespace CallCenterSdk.Media.Tests.Rtp;

// Expected values are worked by hand from RFC 3550 Appendix A.1 (update_seq), A.3 and A.8.
public class RtpReceiveStatisticsTests
{
    private static RtpPacketAcceptance Feed(RtpReceiveStatistics stats, ushort sequence, uint arrival = 0) =>
        stats.Update(sequence, (uint)(sequence * 160), arrival == 0 ? (uint)(sequence * 160) : arrival);

    [Fact]
    public void New_source_is_on_probation_until_two_packets_arrive_in_sequence()
    {
        var stats = new RtpReceiveStatistics(8000);
        Assert.Equal(RtpPacketAcceptance.Probation, Feed(stats, 100));
        Assert.False(stats.IsValid);
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 101));
        Assert.True(stats.IsValid);

        // init_seq(101) then received++: the probation packet is not counted and base_seq is 101.
        Assert.Equal(101u, stats.BaseSequence);
        Assert.Equal(1u, stats.Received);
        Assert.Equal(1u, stats.Expected);
    }

    [Fact]
    public void Out_of_sequence_packet_during_probation_restarts_probation()
    {
        var stats = new RtpReceiveStatistics(8000);
        Assert.Equal(RtpPacketAcceptance.Probation, Feed(stats, 100));
        Assert.Equal(RtpPacketAcceptance.Probation, Feed(stats, 200));
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 201));
        Assert.Equal(201u, stats.BaseSequence);
    }

    [Fact]
    public void Loss_gives_expected_lost_and_fraction_lost_of_A3()
    {
        var stats = new RtpReceiveStatistics(8000);
        foreach (ushort s in new ushort[] { 100, 101, 102, 104, 105 })
        {
            Feed(stats, s);
        }

        // base 101, extended max 105: expected 5, received 4 (101, 102, 104, 105), lost 1.
        Assert.Equal(5u, stats.Expected);
        Assert.Equal(4u, stats.Received);
        Assert.Equal(1, stats.CumulativeLost);
        var report = stats.TakeReport();
        Assert.Equal((byte)((1 << 8) / 5), report.FractionLost); // 51
        Assert.Equal(1, report.CumulativeLost);
        Assert.Equal(105u, report.ExtendedHighestSequence);

        // Next interval: 106-110 all arrive: fraction 0, cumulative unchanged.
        for (ushort s = 106; s <= 110; s++)
        {
            Feed(stats, s);
        }

        report = stats.TakeReport();
        Assert.Equal(0, report.FractionLost);
        Assert.Equal(1, report.CumulativeLost);
    }

    [Fact]
    public void Sequence_wrap_counts_a_cycle_in_the_extended_highest_sequence()
    {
        var stats = new RtpReceiveStatistics(8000);
        foreach (ushort s in new ushort[] { 65534, 65535, 0, 1 })
        {
            Assert.NotEqual(RtpPacketAcceptance.BadSequence, Feed(stats, s));
        }

        Assert.Equal(65536u + 1, stats.ExtendedHighestSequence);
        Assert.Equal(65535u, stats.BaseSequence);
        Assert.Equal(3u, stats.Expected);
        Assert.Equal(3u, stats.Received);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Duplicates_are_counted_so_cumulative_loss_can_go_negative()
    {
        var stats = new RtpReceiveStatistics(8000);
        foreach (ushort s in new ushort[] { 100, 101, 102, 102 })
        {
            Feed(stats, s);
        }

        // A.3: "the number of packets lost ... may be negative if there are duplicates": expected 2, received 3.
        Assert.Equal(2u, stats.Expected);
        Assert.Equal(3u, stats.Received);
        Assert.Equal(-1, stats.CumulativeLost);
        var report = stats.TakeReport();
        Assert.Equal(0, report.FractionLost);
        Assert.Equal(-1, report.CumulativeLost);
    }

    [Fact]
    public void Reordered_packet_is_late_but_counted_and_leaves_the_maximum()
    {
        var stats = new RtpReceiveStatistics(8000);
        Feed(stats, 100);
        Feed(stats, 101);
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 103));
        Assert.Equal(RtpPacketAcceptance.AcceptedLate, Feed(stats, 102));
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 104));
        Assert.Equal(104u, stats.ExtendedHighestSequence);
        Assert.Equal(4u, stats.Expected);
        Assert.Equal(4u, stats.Received);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Reordering_across_the_wrap_does_not_count_a_cycle()
    {
        var stats = new RtpReceiveStatistics(8000);
        foreach (ushort s in new ushort[] { 65533, 65534, 0 })
        {
            Feed(stats, s);
        }

        Assert.Equal(RtpPacketAcceptance.AcceptedLate, Feed(stats, 65535));
        Assert.Equal(65536u, stats.ExtendedHighestSequence);
        Assert.Equal(3u, stats.Expected);
        Assert.Equal(3u, stats.Received);
    }

    [Fact]
    public void Large_jump_is_held_until_the_next_packet_confirms_a_restart()
    {
        var stats = new RtpReceiveStatistics(8000);
        for (ushort s = 100; s <= 105; s++)
        {
            Feed(stats, s);
        }

        Assert.Equal(RtpPacketAcceptance.BadSequence, Feed(stats, 20000));
        Assert.Equal(105u, stats.ExtendedHighestSequence);
        Assert.Equal(RtpPacketAcceptance.Restarted, Feed(stats, 20001));

        // init_seq(20001) then received++.
        Assert.Equal(20001u, stats.BaseSequence);
        Assert.Equal(1u, stats.Received);
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 20002));
        Assert.Equal(2u, stats.Expected);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Unconfirmed_large_jump_is_dropped_and_the_stream_continues()
    {
        var stats = new RtpReceiveStatistics(8000);
        for (ushort s = 100; s <= 105; s++)
        {
            Feed(stats, s);
        }

        Assert.Equal(RtpPacketAcceptance.BadSequence, Feed(stats, 40000));
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 106));
        Assert.Equal(106u, stats.ExtendedHighestSequence);
        Assert.Equal(6u, stats.Received);
    }

    [Fact]
    public void Gap_below_max_dropout_is_loss_not_restart()
    {
        var stats = new RtpReceiveStatistics(8000);
        Feed(stats, 100);
        Feed(stats, 101);
        Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, 2000));
        Assert.Equal(1900u, stats.Expected);
        Assert.Equal(1898, stats.CumulativeLost);
        Assert.Equal((byte)(1898 * 256 / 1900), stats.TakeReport().FractionLost);
    }

    [Fact]
    public void Jitter_follows_the_A8_integer_estimator()
    {
        // Transit times 1000, 1000, 1040, 1000, 1010 (timestamp units): D = 0, 40, 40, 10.
        // J16: 0 -> 0 -> 0+40-0=40 -> 40+40-3=77 -> 77+10-5=82; reported J = J16 >> 4.
        var stats = new RtpReceiveStatistics(8000);
        uint[] transit = [1000, 1000, 1040, 1000, 1010];
        uint[] expected = [0, 0, 2, 4, 5];
        for (var i = 0; i < transit.Length; i++)
        {
            var timestamp = (uint)(i * 160);
            stats.Update((ushort)(500 + i), timestamp, timestamp + transit[i]);
            Assert.Equal(expected[i], stats.Jitter);
        }

        Assert.Equal(5u, stats.TakeReport().Jitter);
    }

    [Fact]
    public void Jitter_is_zero_for_perfectly_paced_packets_even_across_timestamp_wrap()
    {
        var stats = new RtpReceiveStatistics(8000);
        var timestamp = uint.MaxValue - 500;
        var arrival = 12345u;
        for (var i = 0; i < 10; i++)
        {
            stats.Update((ushort)i, timestamp, arrival);
            timestamp += 160;
            arrival += 160;
        }

        Assert.Equal(0u, stats.Jitter);
    }

    [Fact]
    public void Arrival_ticks_convert_to_timestamp_units_without_overflow()
    {
        Assert.Equal(8000u, RtpReceiveStatistics.ToTimestampUnits(1_000_000_000, 1_000_000_000, 8000));
        Assert.Equal(160u, RtpReceiveStatistics.ToTimestampUnits(20_000_000, 1_000_000_000, 8000));

        // A year of uptime in nanoseconds at 48 kHz wraps modulo 2^32 instead of overflowing.
        var ticks = 365L * 24 * 3600 * 1_000_000_000;
        Assert.Equal(unchecked((uint)(365L * 24 * 3600 * 48000)), RtpReceiveStatistics.ToTimestampUnits(ticks, 1_000_000_000, 48000));
    }

    [Fact]
    public void Cumulative_loss_is_clamped_to_the_24_bit_field()
    {
        var stats = new RtpReceiveStatistics(8000);
        Feed(stats, 0);
        Feed(stats, 1);
        ushort s = 1;
        for (var i = 0; i < 3000; i++)
        {
            // 2999-packet gaps, over and over: 8.9 million lost in total.
            s = (ushort)(s + 2999);
            Assert.Equal(RtpPacketAcceptance.Accepted, Feed(stats, s));
        }

        Assert.Equal(0x7FFFFF, stats.CumulativeLost);
    }

    [Fact]
    public void Real_capture_has_no_loss_and_jitter_close_to_Wiresharks_analysis()
    {
        // tshark -z rtp,streams on SIPp's g711a.pcap: 236 packets, 0 lost, max jitter 0.829 ms, mean 0.350 ms.
        var packets = PcapCapture.ReadUdpPayloads("g711a.pcap");
        var stats = new RtpReceiveStatistics(8000);
        var maxJitter = 0u;
        var sum = 0.0;
        var first = true;
        foreach (var (arrival, payload) in packets)
        {
            var packet = RtpPacket.Parse(payload);
            stats.Update(packet.SequenceNumber, packet.Timestamp, (uint)(arrival.Ticks * 8000 / TimeSpan.TicksPerSecond));
            maxJitter = Math.Max(maxJitter, stats.Jitter);
            sum += first ? 0 : stats.Jitter;
            first = false;
        }

        Assert.Equal(236, packets.Count);
        Assert.Equal(235u, stats.Received);
        Assert.Equal(235u, stats.Expected);
        Assert.Equal(0, stats.CumulativeLost);

        // Our integer estimator truncates to whole units (0.125 ms at 8 kHz).
        Assert.InRange(maxJitter / 8.0, 0.829 - 0.125, 0.829 + 0.125);
        Assert.InRange(sum / (packets.Count - 1) / 8.0, 0.350 - 0.125, 0.350 + 0.125);
    }
}
