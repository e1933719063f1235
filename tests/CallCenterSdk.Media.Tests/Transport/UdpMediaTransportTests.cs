using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;

namespace CallCenterSdk.Media.Tests.Transport;

// Real sockets on 127.0.0.1: ephemeral ports, or this engineer's range 40000-40999.
public class UdpMediaTransportTests
{
    private static byte[] RtpBytes(ushort sequence)
    {
        var buffer = new byte[12 + 160];
        RtpPacketBuilder.Write(buffer, new RtpHeader(0, sequence, sequence * 160u, 0xABCDEF01), new byte[160]);
        return buffer;
    }

    private static readonly byte[] RtcpBytes = [0x80, 201, 0, 1, 0, 0, 0, 9];

    [Fact]
    public async Task Datagrams_reach_the_handler_with_their_source_on_separate_rtp_and_rtcp_ports()
    {
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions());
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions());
        var handler = new RecordingHandler();
        receiver.Start(handler);
        Assert.Equal(receiver.LocalRtpEndPoint.Port + 0, receiver.LocalRtpEndPoint.Port);
        Assert.NotEqual(receiver.LocalRtpEndPoint.Port, receiver.LocalRtcpEndPoint.Port);

        await sender.SendRtpAsync(RtpBytes(1), receiver.LocalRtpEndPoint.Serialize());
        await sender.SendRtcpAsync(RtcpBytes, receiver.LocalRtcpEndPoint.Serialize());
        await handler.WaitForAsync(2);

        var items = handler.Received.ToArray();
        var rtp = Assert.Single(items, i => !i.Rtcp);
        var rtcp = Assert.Single(items, i => i.Rtcp);
        Assert.Equal(RtpBytes(1), rtp.Data);
        Assert.Equal(sender.LocalRtpEndPoint, rtp.Source);
        Assert.Equal(RtcpBytes, rtcp.Data);
        Assert.Equal(sender.LocalRtcpEndPoint, rtcp.Source);
    }

    [Fact]
    public async Task Rtcp_mux_demultiplexes_one_port_by_packet_type()
    {
        var options = new UdpMediaTransportOptions { RtcpMux = true };
        await using var receiver = UdpMediaTransport.Open(options);
        await using var sender = UdpMediaTransport.Open(options);
        Assert.Equal(receiver.LocalRtpEndPoint, receiver.LocalRtcpEndPoint);
        var handler = new RecordingHandler();
        receiver.Start(handler);

        var target = receiver.LocalRtpEndPoint.Serialize();
        await sender.SendRtpAsync(RtpBytes(7), target);
        await sender.SendRtcpAsync(RtcpBytes, target);
        await handler.WaitForAsync(2);
        Assert.Equal(1, handler.Received.Count(i => i.Rtcp && i.Data.SequenceEqual(RtcpBytes)));
        Assert.Equal(1, handler.Received.Count(i => !i.Rtcp && i.Data.SequenceEqual(RtpBytes(7))));
    }

    [Fact]
    public async Task Oversize_datagrams_are_dropped_and_counted_without_stopping_the_loop()
    {
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { MaxDatagramSize = 100 });
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions());
        var handler = new RecordingHandler();
        receiver.Start(handler);
        var target = receiver.LocalRtpEndPoint.Serialize();
        await sender.SendRtpAsync(RtpBytes(1), target);
        await sender.SendRtpAsync(new byte[40], target);
        await handler.WaitForAsync(1);
        Assert.Equal(40, Assert.Single(handler.Received).Data.Length);
        Assert.Equal(1, receiver.OversizeDropped);
    }

    [Fact]
    public async Task Port_pairs_come_from_the_range_even_for_rtp_and_odd_for_rtcp_until_exhausted()
    {
        var range = new MediaPortRange(40100, 40105);
        Assert.Equal(3, range.PairCount);
        var options = new UdpMediaTransportOptions { PortRange = range };
        var opened = new List<UdpMediaTransport>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var transport = UdpMediaTransport.Open(options);
                opened.Add(transport);
                Assert.Equal(0, transport.LocalRtpEndPoint.Port % 2);
                Assert.Equal(transport.LocalRtpEndPoint.Port + 1, transport.LocalRtcpEndPoint.Port);
                Assert.InRange(transport.LocalRtpEndPoint.Port, 40100, 40104);
            }

            Assert.Equal(3, opened.Select(t => t.LocalRtpEndPoint.Port).Distinct().Count());
            var e = Assert.Throws<MediaPortsExhaustedException>(() => UdpMediaTransport.Open(options));
            Assert.Contains("40100-40105", e.Message, StringComparison.Ordinal);

            // Closing one gives its pair back.
            var freed = opened[1].LocalRtpEndPoint.Port;
            await opened[1].DisposeAsync();
            opened.RemoveAt(1);
            var again = UdpMediaTransport.Open(options);
            opened.Add(again);
            Assert.Equal(freed, again.LocalRtpEndPoint.Port);
        }
        finally
        {
            foreach (var transport in opened)
            {
                await transport.DisposeAsync();
            }
        }

        Assert.Equal(0, range.InUse);
    }

    [Fact]
    public async Task Ports_bound_by_someone_else_are_skipped()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 40201));
        var range = new MediaPortRange(40200, 40203);
        await using var transport = UdpMediaTransport.Open(new UdpMediaTransportOptions { PortRange = range });
        Assert.Equal(40202, transport.LocalRtpEndPoint.Port);
        Assert.Equal(1, range.InUse);
    }

    [Fact]
    public void Port_range_rejects_ranges_without_a_pair()
    {
        Assert.Throws<ArgumentException>(() => new MediaPortRange(40300, 40300));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaPortRange(80, 90));
        Assert.Equal(40302, new MediaPortRange(40301, 40310).First);
    }

    [Fact]
    public async Task A_handler_exception_faults_the_completion_instead_of_vanishing()
    {
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions());
        var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions());
        receiver.Start(new ThrowingHandler());
        await sender.SendRtpAsync(RtpBytes(1), receiver.LocalRtpEndPoint.Serialize());
        await Assert.ThrowsAsync<InvalidDataException>(() => receiver.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<InvalidDataException>(async () => await receiver.DisposeAsync());
    }

    [Fact]
    public async Task A_thousand_transports_run_side_by_side_in_one_process()
    {
        const int count = 1000;
        var handler = new RecordingHandler();
        var transports = new List<UdpMediaTransport>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var transport = UdpMediaTransport.Open(new UdpMediaTransportOptions { RtcpMux = true });
                transport.Start(handler);
                transports.Add(transport);
            }

            await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions());
            for (var i = 0; i < count; i++)
            {
                await sender.SendRtpAsync(RtpBytes((ushort)i), transports[i].LocalRtpEndPoint.Serialize());
            }

            await handler.WaitForAsync(count);
            Assert.Equal(Enumerable.Range(0, count).Select(i => (ushort)i).ToHashSet(), handler.Received.Select(r => RtpPacket.Parse(r.Data).SequenceNumber).ToHashSet());
        }
        finally
        {
            foreach (var transport in transports)
            {
                await transport.DisposeAsync();
            }
        }
    }

    private sealed class ThrowingHandler : IMediaPacketHandler
    {
        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => throw new InvalidDataException("handler failed");

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => throw new InvalidDataException("handler failed");
    }
}
