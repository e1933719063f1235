using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Tests.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Media.Tests.Dtmf;

public class TelephoneEventReceiverTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<(string Kind, TelephoneEventArgs Args)> _events = [];

    private TelephoneEventReceiver NewReceiver()
    {
        var receiver = new TelephoneEventReceiver(8000, _time);
        receiver.Started += (_, e) => _events.Add(("start", e));
        receiver.Ended += (_, e) => _events.Add(("end", e));
        return receiver;
    }

    private static byte[] Payload(byte code, bool end, ushort duration)
    {
        var bytes = new byte[4];
        new TelephoneEventPayload(code, end, 10, duration).Write(bytes);
        return bytes;
    }

    [Theory]
    [InlineData("dtmf_2833_1.pcap", '1')]
    [InlineData("dtmf_2833_pound.pcap", '#')]
    public void Sipp_capture_yields_one_digit_with_its_final_duration(string capture, char digit)
    {
        // SIPp's capture: updates every 40 ms from duration 0, end at 2240 (280 ms), the end sent three times.
        var receiver = NewReceiver();
        var outcomes = new List<TelephoneEventReceiveOutcome>();
        foreach (var (_, datagram) in PcapCapture.ReadUdpPayloads(capture))
        {
            var packet = RtpPacket.Parse(datagram);
            Assert.Equal(101, packet.PayloadType);
            outcomes.Add(receiver.Receive(packet.Timestamp, packet.Payload));
        }

        Assert.Equal(TelephoneEventReceiveOutcome.Started, outcomes[0]);
        Assert.Equal(TelephoneEventReceiveOutcome.Ended, outcomes[7]);
        Assert.Equal([TelephoneEventReceiveOutcome.Duplicate, TelephoneEventReceiveOutcome.Duplicate], outcomes[8..]);
        Assert.Equal(["start", "end"], _events.Select(e => e.Kind));
        var ended = _events[1].Args;
        Assert.Equal(digit, ended.Digit);
        Assert.Equal(2240, ended.DurationUnits);
        Assert.Equal(TimeSpan.FromMilliseconds(280), ended.Duration);
        Assert.False(ended.EndTimedOut);
        Assert.False(receiver.IsActive);
    }

    [Fact]
    public void Lost_end_packets_end_the_event_after_the_timeout()
    {
        var receiver = NewReceiver();
        receiver.Receive(1000, Payload(3, false, 160));
        receiver.Receive(1000, Payload(3, false, 320));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(receiver.Poll());
        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.True(receiver.Poll());
        Assert.False(receiver.Poll());

        var end = Assert.Single(_events, e => e.Kind == "end").Args;
        Assert.True(end.EndTimedOut);
        Assert.Equal(320, end.DurationUnits);

        // An end packet arriving later is a duplicate, not a second event.
        Assert.Equal(TelephoneEventReceiveOutcome.Duplicate, receiver.Receive(1000, Payload(3, true, 800)));
        Assert.Equal(2, _events.Count);
    }

    [Fact]
    public void Next_event_ends_one_whose_end_packets_were_lost()
    {
        var receiver = NewReceiver();
        receiver.Receive(1000, Payload(4, false, 160));
        Assert.Equal(TelephoneEventReceiveOutcome.Started, receiver.Receive(3000, Payload(5, false, 160)));
        Assert.Equal(["start", "end", "start"], _events.Select(e => e.Kind));
        Assert.True(_events[1].Args.EndTimedOut);
        Assert.Equal('4', _events[1].Args.Digit);
        Assert.Equal('5', _events[2].Args.Digit);
    }

    [Fact]
    public void Event_known_only_from_its_end_packet_starts_and_ends_at_once()
    {
        var receiver = NewReceiver();
        Assert.Equal(TelephoneEventReceiveOutcome.Started, receiver.Receive(5000, Payload(7, true, 800)));
        Assert.Equal(["start", "end"], _events.Select(e => e.Kind));
        Assert.False(_events[1].Args.EndTimedOut);
        Assert.Equal(800, _events[1].Args.DurationUnits);
        Assert.Equal(TelephoneEventReceiveOutcome.Duplicate, receiver.Receive(5000, Payload(7, true, 800)));
    }

    [Fact]
    public void Reordered_and_stale_packets_do_not_create_events()
    {
        var receiver = NewReceiver();
        receiver.Receive(1000, Payload(1, false, 320));
        Assert.Equal(TelephoneEventReceiveOutcome.Updated, receiver.Receive(1000, Payload(1, false, 160)));
        receiver.Receive(1000, Payload(1, true, 480));
        receiver.Receive(2000, Payload(2, false, 160));

        // A late retransmission of the previous event arrives after the next one began.
        Assert.Equal(TelephoneEventReceiveOutcome.Stale, receiver.Receive(1000, Payload(1, true, 480)));
        Assert.Equal(["start", "end", "start"], _events.Select(e => e.Kind));
        Assert.Equal(480, _events[1].Args.DurationUnits);

        // Timestamps compare in serial arithmetic: an event just after the 32-bit wrap is newer.
        var wrap = NewReceiver();
        _events.Clear();
        wrap.Receive(uint.MaxValue - 100, Payload(1, true, 160));
        Assert.Equal(TelephoneEventReceiveOutcome.Started, wrap.Receive(200, Payload(2, true, 160)));
        Assert.Equal(TelephoneEventReceiveOutcome.Stale, wrap.Receive(uint.MaxValue - 100, Payload(1, true, 160)));
    }

    [Fact]
    public void Malformed_payload_is_ignored()
    {
        var receiver = NewReceiver();
        Assert.Equal(TelephoneEventReceiveOutcome.Malformed, receiver.Receive(1, [1, 2, 3]));
        Assert.Empty(_events);
    }

    [Fact]
    public void Segmented_long_event_is_reassembled_into_one_event()
    {
        var sender = new TelephoneEventSender(unitsPerTick: 8000);
        sender.Start(0, 777, 80_000);
        var receiver = NewReceiver();
        while (sender.TryNextPacket(out var packet))
        {
            var bytes = new byte[4];
            packet.Payload.Write(bytes);
            receiver.Receive(packet.Timestamp, bytes);
        }

        Assert.Equal(["start", "end"], _events.Select(e => e.Kind));
        Assert.Equal(80_000, _events[1].Args.DurationUnits);
        Assert.Equal(777u, _events[1].Args.Timestamp);
    }
}
