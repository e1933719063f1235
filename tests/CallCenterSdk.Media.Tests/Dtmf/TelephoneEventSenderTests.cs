using CallCenterSdk.Media.Dtmf;

namespace CallCenterSdk.Media.Tests.Dtmf;

public class TelephoneEventSenderTests
{
    private static List<TelephoneEventPacket> Drain(TelephoneEventSender sender)
    {
        var packets = new List<TelephoneEventPacket>();
        while (sender.TryNextPacket(out var packet))
        {
            packets.Add(packet);
            Assert.True(packets.Count < 10_000, "the sender never finished");
        }

        return packets;
    }

    [Fact]
    public void A_100_ms_digit_is_five_updates_then_three_end_packets_on_one_timestamp()
    {
        var sender = new TelephoneEventSender(unitsPerTick: 160, volume: 10);
        sender.Start(TelephoneEventCode.FromDigit('5'), timestamp: 123456, durationUnits: 800);
        var packets = Drain(sender);

        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => (int)p.Payload.Duration));
        Assert.Equal([false, false, false, false, true, true, true], packets.Select(p => p.Payload.End));
        Assert.Equal([true, false, false, false, false, false, false], packets.Select(p => p.Marker));
        Assert.All(packets, p => Assert.Equal(123456u, p.Timestamp));
        Assert.All(packets, p => Assert.Equal(5, p.Payload.Event));
        Assert.All(packets, p => Assert.Equal(10, p.Payload.Volume));
        Assert.False(sender.IsActive);
    }

    [Fact]
    public void Stop_ends_an_open_ended_event_at_its_current_duration()
    {
        var sender = new TelephoneEventSender();
        sender.Start(TelephoneEventCode.Pound, 0, int.MaxValue);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(sender.TryNextPacket(out _));
        }

        sender.Stop();
        var rest = Drain(sender);
        Assert.Equal(3, rest.Count);
        Assert.All(rest, p => Assert.True(p.Payload.End));
        Assert.All(rest, p => Assert.Equal(640, p.Payload.Duration));
    }

    [Fact]
    public void Event_shorter_than_a_tick_is_a_marked_end_packet_sent_three_times()
    {
        var sender = new TelephoneEventSender(unitsPerTick: 160);
        sender.Start(1, 42, 80);
        var packets = Drain(sender);
        Assert.Equal(3, packets.Count);
        Assert.True(packets[0].Marker);
        Assert.All(packets, p => Assert.True(p.Payload.End && p.Payload.Duration == 80));
    }

    [Fact]
    public void Events_longer_than_65535_units_are_split_into_segments()
    {
        // RFC 4733 §2.5.1.3: 10 s at 8 kHz = 80,000 units: one segment of 65,535, then 14,465 from ts + 65,535.
        var sender = new TelephoneEventSender(unitsPerTick: 8000);
        sender.Start(9, 1000, 80_000);
        var packets = Drain(sender);
        var boundary = packets.FindIndex(p => p.Payload.Duration == ushort.MaxValue);
        Assert.True(boundary >= 0);
        Assert.False(packets[boundary].Payload.End);
        Assert.Equal(1000u, packets[boundary].Timestamp);
        Assert.All(packets.Skip(boundary + 1), p => Assert.Equal(1000u + 65535, p.Timestamp));
        Assert.Equal(3, packets.Count(p => p.Payload.End));
        Assert.All(packets.Where(p => p.Payload.End), p => Assert.Equal(80_000 - 65_535, p.Payload.Duration));
        Assert.Single(packets, p => p.Marker);
    }

    [Fact]
    public void Starting_while_an_event_is_playing_is_refused()
    {
        var sender = new TelephoneEventSender();
        sender.Start(1, 0, 800);
        Assert.Throws<InvalidOperationException>(() => sender.Start(2, 0, 800));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEventSender(volume: 64));
    }

    [Fact]
    public void Payload_is_four_octets_with_end_bit_volume_and_big_endian_duration()
    {
        var bytes = new byte[4];
        new TelephoneEventPayload(11, true, 10, 0x08C0).Write(bytes);
        Assert.Equal(new byte[] { 0x0B, 0x8A, 0x08, 0xC0 }, bytes);
        Assert.True(TelephoneEventPayload.TryRead([0x0B, 0xCA, 0x08, 0xC0], out var read));
        Assert.Equal(new TelephoneEventPayload(11, true, 10, 0x08C0), read); // the reserved R bit is ignored
        Assert.False(TelephoneEventPayload.TryRead([1, 2, 3], out _));
    }

    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('A', 12)]
    [InlineData('d', 15)]
    public void Digits_map_to_rfc4733_event_codes(char digit, byte code)
    {
        Assert.Equal(code, TelephoneEventCode.FromDigit(digit));
        Assert.Equal(char.ToUpperInvariant(digit), TelephoneEventCode.ToDigit(code));
    }

    [Fact]
    public void Non_digits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TelephoneEventCode.FromDigit('E'));
        Assert.Equal('\0', TelephoneEventCode.ToDigit(40));
        Assert.Equal('!', TelephoneEventCode.ToDigit(TelephoneEventCode.Flash));
    }
}
