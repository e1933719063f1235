using System.Buffers.Binary;
using CallCenterSdk.Media.Rtp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Media.Tests.Rtp;

public class RtpPacketTests
{
    // The first packet of SIPp's g711a.pcap, as captured: PCMA, marker, seq 59133, ts 240, SSRC 0xDEE0EE8F.
    [Fact]
    public void Parses_a_captured_PCMA_packet_field_by_field()
    {
        var datagram = PcapCapture.ReadUdpPayloads("g711a.pcap")[0].Payload;
        var packet = RtpPacket.Parse(datagram);
        Assert.Equal(2, packet.Version);
        Assert.True(packet.Marker);
        Assert.Equal(8, packet.PayloadType);
        Assert.Equal(59133, packet.SequenceNumber);
        Assert.Equal(240u, packet.Timestamp);
        Assert.Equal(0xDEE0EE8Fu, packet.Ssrc);
        Assert.Equal(0, packet.CsrcCount);
        Assert.False(packet.HasExtension);
        Assert.Equal(240, packet.Payload.Length);
        Assert.Equal(datagram.Length - 12, packet.Payload.Length);
    }

    [Fact]
    public void Parses_hand_built_bytes_with_csrcs_one_byte_extension_and_padding()
    {
        byte[] datagram =
        [
            0xB2, 0x80 | 96, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, // V=2 P=1 X=1 CC=2, M, PT 96
            0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x0B, // CSRCs 10 and 11
            0xBE, 0xDE, 0x00, 0x02, // one-byte extension, 2 words
            0x10, 0xAA, 0x00, 0x21, 0xBB, 0xCC, 0x00, 0x00, // id 1 len 1 (AA), padding, id 2 len 2 (BB CC), padding
            0x55, 0x66, // payload
            0x00, 0x00, 0x03, // 3 padding octets
        ];
        var packet = RtpPacket.Parse(datagram);
        Assert.True(packet.HasPadding);
        Assert.Equal(3, packet.PaddingLength);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(10u, packet.GetCsrc(0));
        Assert.Equal(11u, packet.GetCsrc(1));
        Assert.Equal(RtpHeaderExtensionForm.OneByte, packet.ExtensionForm);
        Assert.True(packet.TryGetExtension(1, out var one));
        Assert.Equal(new byte[] { 0xAA }, one.ToArray());
        Assert.True(packet.TryGetExtension(2, out var two));
        Assert.Equal(new byte[] { 0xBB, 0xCC }, two.ToArray());
        Assert.False(packet.TryGetExtension(3, out _));
        Assert.Equal(new byte[] { 0x55, 0x66 }, packet.Payload.ToArray());
        Assert.Equal(0x1234, packet.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, packet.Timestamp);
        Assert.Equal(0x01020304u, packet.Ssrc);
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPacket.Parse(datagram).GetCsrc(2));
    }

    [Fact]
    public void Two_byte_extension_allows_empty_elements_and_ids_above_14()
    {
        byte[] datagram =
        [
            0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1,
            0x10, 0x05, 0x00, 0x02, // two-byte form, appbits 5
            200, 0, 17, 3, 1, 2, 3, 0, // id 200 empty, id 17 three bytes, padding
        ];
        var packet = RtpPacket.Parse(datagram);
        Assert.Equal(RtpHeaderExtensionForm.TwoByte, packet.ExtensionForm);
        var ids = new List<(byte, int)>();
        foreach (var element in packet.Extensions)
        {
            ids.Add((element.Id, element.Data.Length));
        }

        Assert.Equal([(200, 0), (17, 3)], ids);
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void One_byte_id_15_stops_extension_processing()
    {
        byte[] datagram = [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x10, 0x01, 0xF0, 0x30];
        var packet = RtpPacket.Parse(datagram);
        var count = 0;
        foreach (var element in packet.Extensions)
        {
            Assert.Equal(1, element.Id);
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public void Unknown_extension_profile_is_kept_opaque()
    {
        byte[] datagram = [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x12, 0x34, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 7];
        var packet = RtpPacket.Parse(datagram);
        Assert.Equal(0x1234, packet.ExtensionProfile);
        Assert.Equal(RtpHeaderExtensionForm.None, packet.ExtensionForm);
        Assert.Equal(4, packet.ExtensionData.Length);
        Assert.Equal(new byte[] { 7 }, packet.Payload.ToArray());
    }

    public static TheoryData<byte[], RtpParseFailure, int> Rejections => new()
    {
        { [], RtpParseFailure.TooShort, 0 },
        { [0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], RtpParseFailure.TooShort, 11 },
        { [0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], RtpParseFailure.UnsupportedVersion, 0 },
        { [0xC0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], RtpParseFailure.UnsupportedVersion, 0 },
        { [0x80, 0xC8, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], RtpParseFailure.ReservedPayloadType, 1 },
        { [0x80, 72, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], RtpParseFailure.ReservedPayloadType, 1 },
        { [0x82, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 5], RtpParseFailure.CsrcListTruncated, 12 },
        { [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE], RtpParseFailure.ExtensionHeaderTruncated, 12 },
        { [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 0x10, 1, 0, 0], RtpParseFailure.ExtensionTruncated, 14 },
        { [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0, 0, 0x13, 1], RtpParseFailure.ExtensionElementTruncated, 18 },
        { [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x10, 0x00, 0, 1, 0, 0, 5, 1], RtpParseFailure.ExtensionElementTruncated, 18 },
        { [0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x10, 0x00, 0, 1, 0, 0, 0, 3], RtpParseFailure.ExtensionElementTruncated, 19 },
        { [0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9, 9, 0], RtpParseFailure.PaddingCountZero, 14 },
        { [0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9, 9, 4], RtpParseFailure.PaddingExceedsPacket, 14 },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Rejects_invalid_packets_with_reason_and_offset(byte[] datagram, RtpParseFailure reason, int offset)
    {
        Assert.False(RtpPacket.TryParse(datagram, out _, out var failure, out var at));
        Assert.Equal(reason, failure);
        Assert.Equal(offset, at);
        var e = Assert.Throws<RtpParseException>(() => RtpPacket.Parse(datagram));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(offset, e.Offset);
        Assert.Contains(reason.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Padding_may_consume_the_whole_payload()
    {
        byte[] datagram = [0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 3];
        Assert.True(RtpPacket.Parse(datagram).Payload.IsEmpty);
    }

    [Fact]
    public void Hot_path_writer_produces_the_fixed_header_byte_for_byte()
    {
        var buffer = new byte[20];
        var length = RtpPacketBuilder.Write(buffer, new RtpHeader(0, 0xABCD, 0x01020304, 0xCAFEBABE, Marker: true), [1, 2, 3]);
        Assert.Equal(15, length);
        Assert.Equal(new byte[] { 0x80, 0x80, 0xAB, 0xCD, 1, 2, 3, 4, 0xCA, 0xFE, 0xBA, 0xBE, 1, 2, 3 }, buffer[..15]);
        Assert.Throws<ArgumentException>(() => RtpPacketBuilder.Write(new byte[14], new RtpHeader(0, 0, 0, 0), [1, 2, 3]));
    }

    [Fact]
    public void Builder_rejects_what_the_wire_format_cannot_carry()
    {
        var buffer = new byte[64];
        Assert.Throws<ArgumentException>(() => { var b = new RtpPacketBuilder(buffer); b.WriteHeader(new RtpHeader(73, 0, 0, 0)); });
        Assert.Throws<ArgumentException>(() => { var b = new RtpPacketBuilder(buffer); b.WriteHeader(new RtpHeader(0, 0, 0, 0), new uint[16]); });
        Assert.Throws<ArgumentException>(() =>
        {
            var b = new RtpPacketBuilder(buffer);
            b.WriteHeader(new RtpHeader(0, 0, 0, 0));
            b.BeginExtensions(RtpHeaderExtensionForm.OneByte);
            b.AddExtension(15, [1]);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var b = new RtpPacketBuilder(buffer);
            b.WriteHeader(new RtpHeader(0, 0, 0, 0));
            b.BeginExtensions(RtpHeaderExtensionForm.OneByte);
            b.AddExtension(1, new byte[17]);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var b = new RtpPacketBuilder(new byte[16]);
            b.WriteHeader(new RtpHeader(0, 0, 0, 0));
            b.Complete(new byte[8]);
        });
    }

    [Property(MaxTest = 300)]
    public bool Built_packets_parse_back_to_the_same_fields(
        byte payloadTypeSeed, ushort sequence, uint timestamp, uint ssrc, bool marker, uint[] csrcSeed, byte[] payload, byte padding, bool twoByte, byte[][] extensionSeed)
    {
        var payloadType = (byte)(payloadTypeSeed & 0x7F);
        if (payloadType is >= 72 and <= 76)
        {
            payloadType = 0;
        }

        var csrcs = (csrcSeed ?? []).Take(15).ToArray();
        payload ??= [];
        var elements = (extensionSeed ?? []).Where(e => e is not null).Take(6)
            .Select((data, i) => (Id: (byte)(i + 1), Data: twoByte ? data.Take(255).ToArray() : data.Take(16).DefaultIfEmpty((byte)0x5A).ToArray()))
            .ToArray();
        var buffer = new byte[12 + 60 + 4 + (6 * 257) + payload.Length + 255];
        var builder = new RtpPacketBuilder(buffer);
        builder.WriteHeader(new RtpHeader(payloadType, sequence, timestamp, ssrc, marker), csrcs);
        if (elements.Length > 0)
        {
            builder.BeginExtensions(twoByte ? RtpHeaderExtensionForm.TwoByte : RtpHeaderExtensionForm.OneByte);
            foreach (var (id, data) in elements)
            {
                builder.AddExtension(id, data);
            }
        }

        var length = builder.Complete(payload, padding);
        var packet = RtpPacket.Parse(buffer.AsSpan(0, length));
        var parsed = new List<(byte, byte[])>();
        foreach (var element in packet.Extensions)
        {
            parsed.Add((element.Id, element.Data.ToArray()));
        }

        var csrcsMatch = true;
        for (var i = 0; i < csrcs.Length; i++)
        {
            csrcsMatch &= packet.GetCsrc(i) == csrcs[i];
        }

        return csrcsMatch && packet.PayloadType == payloadType && packet.SequenceNumber == sequence && packet.Timestamp == timestamp
            && packet.Ssrc == ssrc && packet.Marker == marker && packet.CsrcCount == csrcs.Length
            && packet.Payload.SequenceEqual(payload) && packet.PaddingLength == padding
            && parsed.Count == elements.Length
            && parsed.Zip(elements).All(p => p.First.Item1 == p.Second.Id && p.First.Item2.SequenceEqual(p.Second.Data));
    }

    [Property(MaxTest = 2000)]
    public void Random_bytes_either_parse_or_fail_with_the_parse_error(byte[] datagram)
    {
        datagram ??= [];
        try
        {
            var packet = RtpPacket.Parse(datagram);

            // Whatever parsed must be readable end to end without throwing.
            var sum = packet.Payload.Length + packet.PaddingLength + packet.ExtensionData.Length + packet.HeaderLength;
            foreach (var element in packet.Extensions)
            {
                sum += element.Data.Length;
            }

            for (var i = 0; i < packet.CsrcCount; i++)
            {
                sum += (int)(packet.GetCsrc(i) & 1);
            }

            Assert.True(sum >= 0);
        }
        catch (RtpParseException)
        {
        }
    }

    [Property(MaxTest = 1000)]
    public void Random_bytes_behind_a_valid_version_either_parse_or_fail_with_the_parse_error(byte first, byte[] tail)
    {
        var datagram = new byte[] { (byte)(0x80 | (first & 0x3F)) }.Concat(tail ?? []).ToArray();
        var ok = RtpPacket.TryParse(datagram, out var packet, out var failure);
        Assert.Equal(ok, failure == RtpParseFailure.None);
        if (ok)
        {
            Assert.Equal(datagram.Length, packet.HeaderLength + packet.Payload.Length + packet.PaddingLength);
        }
    }

    [Fact]
    public void Header_fields_are_big_endian()
    {
        var buffer = new byte[12];
        RtpPacketBuilder.Write(buffer, new RtpHeader(96, 1, 2, 3), []);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(4)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(8)));
    }
}
