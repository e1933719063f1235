using System.Net;
using System.Text;
using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CallCenterSdk.Media.Tests.Dtmf;

// RFC 4733 end to end: sender state machine -> RtpSession (sequence numbers, timestamps) -> a lossy link ->
// RtpSession (validation, statistics) -> receiver, with the media clock ticking every 20 ms.
public class TelephoneEventEndToEndTests
{
    private const byte Pcmu = 0;
    private const byte TelephoneEvent = 101;

    private static readonly SocketAddress Far = new IPEndPoint(IPAddress.Loopback, 40998).Serialize();

    private sealed class Call
    {
        private readonly FakeTimeProvider _time = new();
        private readonly RtpSession _from;
        private readonly RtpSession _to;
        private readonly TelephoneEventSender _sender = new(unitsPerTick: 160);
        private readonly TelephoneEventReceiver _receiver;
        private readonly Func<int, bool> _drop;
        private readonly byte[] _buffer = new byte[200];
        private int _sent;

        public Call(Func<int, bool> drop)
        {
            _drop = drop;
            var options = new RtpSessionOptions { CanonicalName = "e2e@test", PayloadClockRates = new Dictionary<byte, int> { [Pcmu] = 8000, [TelephoneEvent] = 8000 } };
            _from = new RtpSession(options, _time, new Random(1));
            _to = new RtpSession(options, _time, new Random(2));
            _receiver = new TelephoneEventReceiver(8000, _time);
            _receiver.Ended += (_, e) =>
            {
                Digits.Append(e.Digit);
                Ended.Add(e);
            };
        }

        public StringBuilder Digits { get; } = new();

        public List<TelephoneEventArgs> Ended { get; } = [];

        public int Lost { get; private set; }

        public RtpSession Receiving => _to;

        public void Dial(string digits, int toneMs = 100, int gapMs = 60)
        {
            Audio(10);
            foreach (var digit in digits)
            {
                _sender.Start(TelephoneEventCode.FromDigit(digit), _from.CurrentTimestamp, toneMs * 8);
                while (_sender.IsActive)
                {
                    _sender.TryNextPacket(out var packet);
                    var payload = new byte[4];
                    packet.Payload.Write(payload);
                    var length = _from.WriteWithTimestamp(_buffer, TelephoneEvent, packet.Timestamp, packet.Marker, payload);

                    // The event replaces audio: the audio clock runs on underneath it (RFC 4733 §2.5.1.1).
                    _from.AdvanceTimestamp(160);
                    Deliver(length);
                    Tick();
                }

                Audio(gapMs / 20);
            }

            Audio(20);
        }

        private void Audio(int frames)
        {
            for (var i = 0; i < frames; i++)
            {
                Deliver(_from.WriteAudio(_buffer, Pcmu, 160, new byte[160]));
                Tick();
            }
        }

        private void Deliver(int length)
        {
            if (_drop(_sent++))
            {
                Lost++;
                return;
            }

            var result = _to.ReceiveRtp(_buffer.AsSpan(0, length), Far, out var packet);
            if (result.ShouldPlay && packet.PayloadType == TelephoneEvent)
            {
                _receiver.Receive(packet.Timestamp, packet.Payload);
            }
        }

        private void Tick()
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            _receiver.Poll();
        }
    }

    [Fact]
    public void Digits_arrive_once_each_with_their_durations_without_loss()
    {
        var call = new Call(_ => false);
        call.Dial("159*#0D");
        Assert.Equal("159*#0D", call.Digits.ToString());
        Assert.All(call.Ended, e => Assert.Equal(800, e.DurationUnits));
        Assert.All(call.Ended, e => Assert.False(e.EndTimedOut));
        Assert.Equal(0, call.Receiving.GetSources()[0].Statistics.CumulativeLost);
    }

    [Theory]
    [InlineData(11, 0.2)]
    [InlineData(12, 0.3)]
    [InlineData(13, 0.3)]
    [InlineData(14, 0.4)]
    public void Random_packet_loss_neither_loses_nor_doubles_digits(int seed, double lossRate)
    {
        var random = new Random(seed);
        var call = new Call(_ => random.NextDouble() < lossRate);
        call.Dial("0123456789*#ABCD");
        Assert.Equal("0123456789*#ABCD", call.Digits.ToString());
        Assert.True(call.Lost > 0);

        // The receiver's RTCP figures see the same loss the link caused (the first packet is probation).
        var statistics = call.Receiving.GetSources()[0].Statistics;
        Assert.InRange(statistics.CumulativeLost, call.Lost - 2, call.Lost);
    }

    [Fact]
    public void Losing_every_end_packet_of_a_digit_still_ends_it_once_by_timeout()
    {
        // Packets 10-16 are the first digit: updates 10-13 (160-640), ends 14-16 (800). Drop the three ends.
        var call = new Call(i => i is >= 14 and <= 16);
        call.Dial("7", gapMs: 400);
        Assert.Equal("7", call.Digits.ToString());
        var end = Assert.Single(call.Ended);
        Assert.True(end.EndTimedOut);
        Assert.Equal(640, end.DurationUnits);
    }

    [Fact]
    public void Losing_the_first_packets_still_reports_the_digit_with_its_full_duration()
    {
        // Drop the marker packet and the next two updates: the receiver starts from a later update.
        var call = new Call(i => i is >= 10 and <= 12);
        call.Dial("3");
        Assert.Equal("3", call.Digits.ToString());
        Assert.Equal(800, Assert.Single(call.Ended).DurationUnits);
    }
}
