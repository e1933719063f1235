using System.Net;
using System.Text;
using CallCenterSdk.Media.Dtmf;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;

namespace CallCenterSdk.Media.Tests.Dtmf;

// RFC 4733 over real loopback sockets: endpoint A -> a relay that drops every third datagram -> endpoint B.
public class TelephoneEventOverUdpTests
{
    private const byte TelephoneEvent = 101;

    [Fact]
    public async Task Digits_cross_a_lossy_udp_relay_once_each()
    {
        var options = new RtpSessionOptions { CanonicalName = "udp@test" };
        var digits = new StringBuilder();
        var sink = new DtmfSink(digits);
        await using var b = new RtpEndpoint(new RtpSession(options, TimeProvider.System, new Random(2)), UdpMediaTransport.Open(new UdpMediaTransportOptions()), sink, TimeProvider.System);
        await using var relay = UdpMediaTransport.Open(new UdpMediaTransportOptions());
        var relayHandler = new DroppingRelay(relay, b.Transport.LocalRtpEndPoint.Serialize());
        relay.Start(relayHandler);
        await using var a = new RtpEndpoint(new RtpSession(options, TimeProvider.System, new Random(1)), UdpMediaTransport.Open(new UdpMediaTransportOptions()), new DtmfSink(new StringBuilder()), TimeProvider.System);
        a.Session.SetRemote(relay.LocalRtpEndPoint.Serialize());
        a.Start();
        b.Start();

        var sender = new TelephoneEventSender(160);
        var payload = new byte[4];
        for (var i = 0; i < 10; i++)
        {
            await a.SendAudioAsync(0, 160, new byte[160]);
            await Task.Delay(20);
        }

        foreach (var digit in "4#7")
        {
            sender.Start(TelephoneEventCode.FromDigit(digit), a.Session.CurrentTimestamp, 800);
            while (sender.TryNextPacket(out var packet))
            {
                packet.Payload.Write(payload);
                await a.SendWithTimestampAsync(TelephoneEvent, packet.Timestamp, packet.Marker, payload);
                a.Session.AdvanceTimestamp(160);
                await Task.Delay(20);
                sink.Poll();
            }

            for (var i = 0; i < 5; i++)
            {
                await a.SendAudioAsync(0, 160, new byte[160]);
                await Task.Delay(20);
                sink.Poll();
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (sink.Count < 3)
        {
            await Task.Delay(20, timeout.Token);
            sink.Poll();
        }

        Assert.Equal("4#7", sink.Digits);
        Assert.True(relayHandler.Dropped > 10);
        Assert.True(b.Session.IsRtpLatched);
        Assert.Equal(relay.LocalRtpEndPoint.Serialize(), b.Session.RemoteRtpAddress);
    }

    private sealed class DtmfSink : IRtpPacketSink
    {
        private readonly Lock _gate = new();
        private readonly TelephoneEventReceiver _receiver = new(8000, TimeProvider.System);
        private readonly StringBuilder _digits;

        public DtmfSink(StringBuilder digits)
        {
            _digits = digits;
            _receiver.Ended += (_, e) => _digits.Append(e.Digit);
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _digits.Length;
                }
            }
        }

        public string Digits
        {
            get
            {
                lock (_gate)
                {
                    return _digits.ToString();
                }
            }
        }

        public void OnRtpPacket(RtpPacket packet, RtpReceiveOutcome outcome)
        {
            if (packet.PayloadType == TelephoneEvent)
            {
                lock (_gate)
                {
                    _receiver.Receive(packet.Timestamp, packet.Payload);
                }
            }
        }

        public void Poll()
        {
            lock (_gate)
            {
                _receiver.Poll();
            }
        }
    }

    private sealed class DroppingRelay(UdpMediaTransport relay, SocketAddress destination) : IMediaPacketHandler
    {
        private int _count;

        public int Dropped { get; private set; }

        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
        {
            if (++_count % 3 == 0)
            {
                Dropped++;
                return;
            }

            relay.SendRtpAsync(datagram.ToArray(), destination).AsTask().GetAwaiter().GetResult();
        }

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
        {
        }
    }
}
