using System.Text;
using CallCenterSdk.Media.Rtcp;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.Rtcp;

public class RtcpCompoundPacketTests
{
    [Fact]
    public void Receiver_report_with_one_block_is_byte_exact()
    {
        var buffer = new byte[64];
        var builder = new RtcpCompoundBuilder(buffer);
        builder.AddReceiverReport(0x01020304, [new RtcpReportBlock(0x0A0B0C0D, 51, -2, 0x0001FFFF, 17, 0x11223344, 0x00010000)]);
        byte[] expected =
        [
            0x81, 201, 0x00, 0x07, 0x01, 0x02, 0x03, 0x04, // V=2 RC=1, RR, length 7 words, SSRC
            0x0A, 0x0B, 0x0C, 0x0D, 51, 0xFF, 0xFF, 0xFE, // block SSRC, fraction 51, cumulative -2 (24-bit two's complement)
            0x00, 0x01, 0xFF, 0xFF, 0x00, 0x00, 0x00, 17, // extended highest sequence, jitter
            0x11, 0x22, 0x33, 0x44, 0x00, 0x01, 0x00, 0x00, // LSR, DLSR (1 s)
        ];
        Assert.Equal(expected, builder.Written.ToArray());
    }

    [Fact]
    public void Sender_report_sdes_and_bye_round_trip_in_one_compound()
    {
        var buffer = new byte[512];
        var builder = new RtcpCompoundBuilder(buffer);
        var info = new RtcpSenderInfo(new NtpTimestamp(0xE1A2B3C4_80000000), 123456, 50, 8000);
        builder.AddSenderReport(0xAAAA0001, info, [new RtcpReportBlock(7, 0, 0, 100, 3, 0, 0), new RtcpReportBlock(8, 255, -8388608, 200, 4, 5, 6)]);
        builder.AddSourceDescription(0xAAAA0001, "agent-17@callcenter.example");
        builder.AddGoodbye([0xAAAA0001, 0xAAAA0002], "shutdown"u8);
        var compound = RtcpCompoundPacket.Parse(builder.Written);

        var types = new List<RtcpPacketType>();
        foreach (var packet in compound)
        {
            types.Add(packet.PacketType);
            switch (packet.PacketType)
            {
                case RtcpPacketType.SenderReport:
                    var sr = packet.AsSenderReport();
                    Assert.Equal(0xAAAA0001u, sr.Ssrc);
                    Assert.Equal(info, sr.SenderInfo);
                    Assert.Equal(2, sr.ReportCount);
                    Assert.Equal(new RtcpReportBlock(8, 255, -8388608, 200, 4, 5, 6), sr.GetReportBlock(1));
                    var outOfRange = false;
                    try
                    {
                        sr.GetReportBlock(2);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        outOfRange = true;
                    }

                    var wrongType = false;
                    try
                    {
                        packet.AsGoodbye();
                    }
                    catch (InvalidOperationException)
                    {
                        wrongType = true;
                    }

                    Assert.True(outOfRange && wrongType);
                    break;
                case RtcpPacketType.SourceDescription:
                    Assert.True(packet.AsSourceDescription().TryGetCanonicalName(0xAAAA0001, out var cname));
                    Assert.Equal("agent-17@callcenter.example", Encoding.UTF8.GetString(cname));
                    Assert.False(packet.AsSourceDescription().TryGetCanonicalName(1, out _));
                    break;
                case RtcpPacketType.Goodbye:
                    var bye = packet.AsGoodbye();
                    Assert.Equal(2, bye.SourceCount);
                    Assert.Equal(0xAAAA0002u, bye.GetSource(1));
                    Assert.Equal("shutdown", Encoding.UTF8.GetString(bye.Reason));
                    break;
            }
        }

        Assert.Equal([RtcpPacketType.SenderReport, RtcpPacketType.SourceDescription, RtcpPacketType.Goodbye], types);
        Assert.Equal(0, builder.Length % 4);
    }

    [Fact]
    public void Compound_must_start_with_a_report_when_building()
    {
        var buffer = new byte[64];
        Assert.Throws<InvalidOperationException>(() => new RtcpCompoundBuilder(buffer).AddSourceDescription(1, "x"));
        Assert.Throws<ArgumentException>(() => new RtcpCompoundBuilder(new byte[8]).AddReceiverReport(1, [new RtcpReportBlock()]));
        Assert.Throws<InvalidOperationException>(() => new RtcpCompoundBuilder(buffer).AddReceiverReport(1, [new RtcpReportBlock(1, 0, 0x800000, 0, 0, 0, 0)]));
    }

    [Fact]
    public void Sdes_with_several_items_and_chunks_enumerates_every_item()
    {
        // Two chunks: SSRC 1 with CNAME "ab" and NAME "c"; SSRC 2 with CNAME "xyz". Each chunk ends with a null
        // item and is padded to a word.
        byte[] sdes =
        [
            0x82, 202, 0x00, 0x06,
            0, 0, 0, 1, 1, 2, (byte)'a', (byte)'b', 2, 1, (byte)'c', 0,
            0, 0, 0, 2, 1, 3, (byte)'x', (byte)'y', (byte)'z', 0, 0, 0,
        ];
        byte[] datagram = [0x80, 201, 0, 1, 0, 0, 0, 9, .. sdes];
        var compound = RtcpCompoundPacket.Parse(datagram);
        var items = new List<(uint, RtcpSourceDescriptionItemType, string)>();
        foreach (var packet in compound)
        {
            if (packet.PacketType == RtcpPacketType.SourceDescription)
            {
                foreach (var item in packet.AsSourceDescription())
                {
                    items.Add((item.Ssrc, item.Type, Encoding.ASCII.GetString(item.Value)));
                }
            }
        }

        Assert.Equal(
            [(1u, RtcpSourceDescriptionItemType.CanonicalName, "ab"), (1u, RtcpSourceDescriptionItemType.Name, "c"), (2u, RtcpSourceDescriptionItemType.CanonicalName, "xyz")],
            items);
    }

    public static TheoryData<byte[], RtcpParseFailure, int> Rejections => new()
    {
        { [], RtcpParseFailure.TooShort, 0 },
        { [0x80, 201, 0, 1, 0, 0, 0], RtcpParseFailure.NotWordAligned, 7 },
        { [0x40, 201, 0, 1, 0, 0, 0, 1], RtcpParseFailure.UnsupportedVersion, 0 },
        { [0x81, 202, 0, 1, 0, 0, 0, 1], RtcpParseFailure.FirstPacketNotReport, 1 },
        { [0x80, 201, 0, 2, 0, 0, 0, 1], RtcpParseFailure.LengthExceedsDatagram, 2 },
        { [0xA0, 201, 0, 1, 0, 0, 0, 4, 0x80, 203, 0, 0], RtcpParseFailure.PaddingNotLast, 0 },
        { [0xA0, 201, 0, 1, 0, 0, 0, 0], RtcpParseFailure.InvalidPadding, 7 },
        { [0xA0, 201, 0, 1, 0, 0, 0, 5], RtcpParseFailure.InvalidPadding, 7 },
        { [0x81, 201, 0, 1, 0, 0, 0, 1], RtcpParseFailure.ReportTruncated, 4 },
        { [0x80, 200, 0, 1, 0, 0, 0, 1], RtcpParseFailure.ReportTruncated, 4 },
        { [0x80, 201, 0, 1, 0, 0, 0, 1, 0x81, 202, 0, 1, 0, 0, 0, 1], RtcpParseFailure.SourceDescriptionTruncated, 16 },
        { [0x80, 201, 0, 1, 0, 0, 0, 1, 0x81, 202, 0, 2, 0, 0, 0, 1, 1, 9, 0, 0], RtcpParseFailure.SourceDescriptionTruncated, 16 },
        { [0x80, 201, 0, 1, 0, 0, 0, 1, 0x82, 203, 0, 1, 0, 0, 0, 1], RtcpParseFailure.GoodbyeTruncated, 16 },
        { [0x80, 201, 0, 1, 0, 0, 0, 1, 0x81, 203, 0, 2, 0, 0, 0, 1, 9, 0, 0, 0], RtcpParseFailure.GoodbyeTruncated, 16 },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Rejects_invalid_compounds_with_reason_and_offset(byte[] datagram, RtcpParseFailure reason, int offset)
    {
        Assert.False(RtcpCompoundPacket.TryParse(datagram, out _, out var failure, out var at));
        Assert.Equal(reason, failure);
        Assert.Equal(offset, at);
        var e = Assert.Throws<RtcpParseException>(() => RtcpCompoundPacket.Parse(datagram));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(offset, e.Offset);
    }

    [Fact]
    public void Padding_on_the_last_packet_is_accepted_and_excluded_from_the_body()
    {
        byte[] datagram = [0x80, 201, 0, 1, 0, 0, 0, 1, 0xA0, 203, 0, 1, 0, 0, 0, 4];
        var count = 0;
        foreach (var packet in RtcpCompoundPacket.Parse(datagram))
        {
            count++;
            if (packet.PacketType == RtcpPacketType.Goodbye)
            {
                Assert.True(packet.Body.IsEmpty);
                Assert.True(packet.AsGoodbye().Reason.IsEmpty);
            }
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public void Demultiplexer_separates_rtcp_from_rtp_by_the_second_octet()
    {
        Assert.True(RtcpDemultiplexer.IsRtcp([0x80, 200]));
        Assert.True(RtcpDemultiplexer.IsRtcp([0x80, 207]));
        Assert.False(RtcpDemultiplexer.IsRtcp([0x80, 0]));
        Assert.False(RtcpDemultiplexer.IsRtcp([0x80, 0x80 | 96]));
        Assert.False(RtcpDemultiplexer.IsRtcp([0x80]));
    }

    [Fact]
    public void Ntp_timestamp_converts_both_ways_and_exposes_the_middle_32_bits()
    {
        var time = new DateTimeOffset(2026, 11, 23, 12, 0, 0, 500, TimeSpan.Zero);
        var ntp = NtpTimestamp.FromDateTimeOffset(time);
        Assert.Equal(0x80000000UL, ntp.Value & 0xFFFFFFFF);
        Assert.Equal(time, ntp.ToDateTimeOffset());
        Assert.Equal((uint)(ntp.Value >> 16), ntp.Middle32);
        Assert.Equal(65536u, NtpTimestamp.ToCompactUnits(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(250), NtpTimestamp.FromCompactUnits(16384));
    }

    [Property(MaxTest = 300)]
    public bool Built_compounds_parse_back(uint ssrc, bool sender, ulong ntp, uint rtp, uint packets, uint octets, uint[] blockSeeds, string cnameSeed, uint[] byeSeed, string reasonSeed)
    {
        var blocks = (blockSeeds ?? []).Take(31).Select((s, i) => new RtcpReportBlock(s, (byte)(s >> 3), unchecked((int)(s * 2654435761u)) >> 8, s ^ 0xFFFF, s >> 1, unchecked(s * 3), (uint)i)).ToArray();
        var cname = new string((cnameSeed ?? "").Where(c => c < 128 && c > 0).Take(200).ToArray());
        if (cname.Length == 0)
        {
            cname = "c";
        }

        var byes = (byeSeed ?? []).Take(31).ToArray();
        var reason = Encoding.ASCII.GetBytes(new string((reasonSeed ?? "").Where(c => c < 128).Take(100).ToArray()));
        var buffer = new byte[2048];
        var builder = new RtcpCompoundBuilder(buffer);
        var info = new RtcpSenderInfo(new NtpTimestamp(ntp), rtp, packets, octets);
        if (sender)
        {
            builder.AddSenderReport(ssrc, info, blocks);
        }
        else
        {
            builder.AddReceiverReport(ssrc, blocks);
        }

        builder.AddSourceDescription(ssrc, cname);
        builder.AddGoodbye(byes, reason);
        var ok = true;
        var seen = 0;
        foreach (var packet in RtcpCompoundPacket.Parse(builder.Written))
        {
            seen++;
            switch (packet.PacketType)
            {
                case RtcpPacketType.SenderReport:
                    var sr = packet.AsSenderReport();
                    ok &= sender && sr.Ssrc == ssrc && sr.SenderInfo == info && sr.ReportCount == blocks.Length;
                    for (var i = 0; i < blocks.Length; i++)
                    {
                        ok &= sr.GetReportBlock(i) == blocks[i];
                    }

                    break;
                case RtcpPacketType.ReceiverReport:
                    var rr = packet.AsReceiverReport();
                    ok &= !sender && rr.Ssrc == ssrc && rr.ReportCount == blocks.Length;
                    for (var i = 0; i < blocks.Length; i++)
                    {
                        ok &= rr.GetReportBlock(i) == blocks[i];
                    }

                    break;
                case RtcpPacketType.SourceDescription:
                    ok &= packet.AsSourceDescription().TryGetCanonicalName(ssrc, out var name) && Encoding.UTF8.GetString(name) == cname;
                    break;
                case RtcpPacketType.Goodbye:
                    var bye = packet.AsGoodbye();
                    ok &= bye.SourceCount == byes.Length && bye.Reason.SequenceEqual(reason);
                    for (var i = 0; i < byes.Length; i++)
                    {
                        ok &= bye.GetSource(i) == byes[i];
                    }

                    break;
                default:
                    ok = false;
                    break;
            }
        }

        return ok && seen == 3;
    }

    [Property(MaxTest = 2000)]
    public void Random_bytes_either_parse_or_fail_with_the_parse_error(byte[] datagram)
    {
        datagram ??= [];
        try
        {
            ReadEverything(RtcpCompoundPacket.Parse(datagram));
        }
        catch (RtcpParseException)
        {
        }
    }

    [Property(MaxTest = 2000)]
    public void Random_bodies_behind_a_plausible_header_either_parse_or_fail_with_the_parse_error(byte count, byte type, byte[] body)
    {
        body ??= [];
        var words = (body.Length + 3) / 4;
        var datagram = new byte[8 + (words * 4)];
        datagram[0] = 0x80;
        datagram[1] = 201;
        datagram[3] = 1;
        datagram[4] = (byte)(0x80 | (count & 0x3F));
        datagram[5] = (byte)(200 + (type % 8));
        datagram[7] = (byte)Math.Max(words - 1, 0);
        body.CopyTo(datagram, 8);
        if (words == 0)
        {
            datagram = datagram[..4];
            datagram[3] = 0;
        }

        try
        {
            ReadEverything(RtcpCompoundPacket.Parse(datagram));
        }
        catch (RtcpParseException)
        {
        }
    }

    private static void ReadEverything(RtcpCompoundPacket compound)
    {
        foreach (var packet in compound)
        {
            _ = packet.Body.Length + packet.SenderSsrc;
            switch (packet.PacketType)
            {
                case RtcpPacketType.SenderReport:
                    var sr = packet.AsSenderReport();
                    _ = sr.SenderInfo;
                    for (var i = 0; i < sr.ReportCount; i++)
                    {
                        _ = sr.GetReportBlock(i);
                    }

                    break;
                case RtcpPacketType.ReceiverReport:
                    var rr = packet.AsReceiverReport();
                    for (var i = 0; i < rr.ReportCount; i++)
                    {
                        _ = rr.GetReportBlock(i);
                    }

                    break;
                case RtcpPacketType.SourceDescription:
                    foreach (var item in packet.AsSourceDescription())
                    {
                        _ = item.Value.Length;
                    }

                    break;
                case RtcpPacketType.Goodbye:
                    var bye = packet.AsGoodbye();
                    _ = bye.Reason.Length;
                    for (var i = 0; i < bye.SourceCount; i++)
                    {
                        _ = bye.GetSource(i);
                    }

                    break;
            }
        }
    }
}
