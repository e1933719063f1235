using System.Net;
using System.Net.Sockets;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;
using Xunit.Abstractions;

namespace CallCenterSdk.Media.Tests.Transport;

// Real sockets on 127.0.0.1: ephemeral ports, or fixed ranges in 30100-30203, below the kernel's ephemeral range
// (32768-60999), so the thousands of ephemeral sockets other tests open meanwhile can never hold one of them.
// Receiving runs both ways: through the process's MediaSocketPoller (Linux epoll, the default) and through one async
// loop per socket (the portable path).
public class UdpMediaTransportTests(ITestOutputHelper output)
{
    private static byte[] RtpBytes(ushort sequence)
    {
        var buffer = new byte[12 + 160];
        RtpPacketBuilder.Write(buffer, new RtpHeader(0, sequence, sequence * 160u, 0xABCDEF01), new byte[160]);
        return buffer;
    }

    private static readonly byte[] RtcpBytes = [0x80, 201, 0, 1, 0, 0, 0, 9];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Datagrams_reach_the_handler_with_their_source_on_separate_rtp_and_rtcp_ports(bool asyncLoops)
    {
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        Assert.Equal(asyncLoops, receiver.Poller is null);
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rtcp_mux_demultiplexes_one_port_by_packet_type(bool asyncLoops)
    {
        var options = new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops, RtcpMux = true };
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
        Assert.Equal(2, receiver.DatagramsReceived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pending_bytes_show_datagrams_waiting_until_the_loop_reads_them(bool asyncLoops)
    {
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        var target = receiver.LocalRtpEndPoint.Serialize();
        await sender.SendRtpAsync(RtpBytes(3), target);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (receiver.PendingRtpBytes == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(RtpBytes(3).Length, receiver.PendingRtpBytes); // not started: nothing reads it
        var handler = new RecordingHandler();
        receiver.Start(handler);
        await handler.WaitForAsync(1);
        Assert.Equal(0, receiver.PendingRtpBytes);
        Assert.Equal(1, receiver.DatagramsReceived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Oversize_datagrams_are_dropped_and_counted_without_stopping_the_loop(bool asyncLoops)
    {
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops, MaxDatagramSize = 100 });
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        var handler = new RecordingHandler();
        receiver.Start(handler);
        var target = receiver.LocalRtpEndPoint.Serialize();
        await sender.SendRtpAsync(RtpBytes(1), target);
        await sender.SendRtpAsync(new byte[40], target);
        await handler.WaitForAsync(1);
        Assert.Equal(40, Assert.Single(handler.Received).Data.Length);
        Assert.Equal(1, receiver.OversizeDropped);
        // Read from the socket either way: the counter says the loop ran, whatever the datagram was.
        Assert.Equal(2, receiver.DatagramsReceived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_full_send_buffer_drops_the_datagram_and_counts_it_instead_of_blocking(bool asyncLoops)
    {
        // Loopback never fills a send buffer (the kernel releases a datagram's memory as it delivers it), so this
        // sends between two network namespaces through a token bucket at 8 kbit/s: datagrams past the burst wait in
        // the queue still charged to the socket, an 8 KB send buffer fills within a few, and the poller's
        // non-blocking sendto must then drop (return 0, count) rather than block the media clock.
        using var network = CallCenterSdk.Testing.LossyNetwork.Create(lossPercent: 0, fromPort: 65535);
        network.Throttle(network.HostA, rateKbit: 8, queueBytes: 1_000_000);
        await using var transport = CallCenterSdk.Testing.LossyNetwork.RunIn(network.HostA, () => UdpMediaTransport.Open(
            new UdpMediaTransportOptions { LocalAddress = IPAddress.Parse(network.AddressA), SocketSendBufferSize = 4096, AsyncReceiveLoops = asyncLoops }));
        Assert.Equal(asyncLoops, transport.Poller is null);
        var destination = new IPEndPoint(IPAddress.Parse(network.AddressB), 40000).Serialize();
        int sent = 0, dropped = 0;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (ushort sequence = 0; sequence < 200; sequence++)
        {
            var packet = RtpBytes(sequence);
            var n = transport.SendRtp(packet, destination);
            if (n == 0)
            {
                dropped++;
            }
            else
            {
                Assert.Equal(packet.Length, n);
                sent++;
            }
        }

        output.WriteLine($"{sent} sent, {dropped} dropped in {elapsed.ElapsedMilliseconds} ms");
        Assert.True(sent > 0, "nothing was sent");
        Assert.True(dropped > 0, $"all {sent} datagrams were accepted: the send buffer never filled");
        Assert.Equal(dropped, transport.SendsDropped); // a blocking send would never have returned 0
    }

    [Fact]
    public async Task Port_pairs_come_from_the_range_even_for_rtp_and_odd_for_rtcp_until_exhausted()
    {
        var range = new MediaPortRange(30100, 30105);
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
                Assert.InRange(transport.LocalRtpEndPoint.Port, 30100, 30104);
            }

            Assert.Equal(3, opened.Select(t => t.LocalRtpEndPoint.Port).Distinct().Count());
            var e = Assert.Throws<MediaPortsExhaustedException>(() => UdpMediaTransport.Open(options));
            Assert.Contains("30100-30105", e.Message, StringComparison.Ordinal);

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
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 30201));
        var range = new MediaPortRange(30200, 30203);
        await using var transport = UdpMediaTransport.Open(new UdpMediaTransportOptions { PortRange = range });
        Assert.Equal(30202, transport.LocalRtpEndPoint.Port);
        Assert.Equal(1, range.InUse);
    }

    [Fact]
    public void Port_range_rejects_ranges_without_a_pair()
    {
        Assert.Throws<ArgumentException>(() => new MediaPortRange(40300, 40300));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaPortRange(80, 90));
        Assert.Equal(40302, new MediaPortRange(40301, 40310).First);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_handler_exception_faults_the_completion_instead_of_vanishing(bool asyncLoops)
    {
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops });
        receiver.Start(new ThrowingHandler());
        await sender.SendRtpAsync(RtpBytes(1), receiver.LocalRtpEndPoint.Serialize());
        await Assert.ThrowsAsync<InvalidDataException>(() => receiver.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<InvalidDataException>(async () => await receiver.DisposeAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Four_thousand_transports_carry_rtp_and_rtcp_both_ways_in_one_process_without_a_thread_each(bool asyncLoops)
    {
        // Half under rtcp-mux (one socket), half with an RTCP port of their own: 6,000 sockets and 6,000 receive loops.
        // Transport i and transport i + 2,000 form a call: each sends the other 100 ms of RTP and one RTCP report.
        const int count = 4000;
        const int packetsEach = 5;
        FileDescriptorLimit.EnsureRoomFor((count * 3 / 2) + 200);
        var transports = new UdpMediaTransport[count];
        var handlers = new PeerTraffic[count];
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int expected = count * (packetsEach + 1);
        int arrived = 0;
        void Arrived()
        {
            if (Interlocked.Increment(ref arrived) == expected)
            {
                allArrived.TrySetResult();
            }
        }

        int opened = 0;
        try
        {
            for (; opened < count; opened++)
            {
                transports[opened] = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = asyncLoops, RtcpMux = opened % 2 == 0 });
            }

            Assert.Equal(count * 3 / 2, transports.Select(t => t.LocalRtpEndPoint).Concat(transports.Select(t => t.LocalRtcpEndPoint)).Distinct().Count());
            for (var i = 0; i < count; i++)
            {
                var peer = transports[Peer(i)];
                handlers[i] = new PeerTraffic(Ssrc(Peer(i)), peer.LocalRtpEndPoint, peer.LocalRtcpEndPoint, packetsEach, Arrived);
                transports[i].Start(handlers[i]);
            }

            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                var transport = transports[i];
                var peer = transports[Peer(i)];
                var rtpTarget = peer.LocalRtpEndPoint.Serialize();
                for (ushort sequence = 0; sequence < packetsEach; sequence++)
                {
                    var packet = new byte[12 + 160];
                    RtpPacketBuilder.Write(packet, new RtpHeader(0, sequence, sequence * 160u, Ssrc(i)), new byte[160]);
                    await transport.SendRtpAsync(packet, rtpTarget);
                }

                await transport.SendRtcpAsync(ReceiverReport(Ssrc(i)), peer.LocalRtcpEndPoint.Serialize());
            }));

            var done = await Task.WhenAny(allArrived.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            int threads = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
            var incomplete = handlers.Select((h, i) => (h, i)).Where(x => !x.h.Complete).Take(5).Select(x => $"#{x.i}: {x.h}").ToArray();
            Assert.True(done == allArrived.Task, $"{arrived} of {expected} datagrams arrived in 60 s; first incomplete: {string.Join("; ", incomplete)}");
            Assert.All(handlers, h => Assert.True(h.Unexpected == 0, h.ToString()));
            Assert.All(handlers, h => Assert.True(h.Complete, h.ToString()));
            Assert.True(threads < 1000, $"{threads} threads for {count * 3 / 2} receive loops: loops must not hold a thread each");
            foreach (var transport in transports)
            {
                Assert.False(transport.Completion.IsCompleted, "a receive loop ended while its transport was open");
            }

            output.WriteLine($"{count} transports ({count * 3 / 2} sockets): {expected} datagrams delivered in {elapsed.ElapsedMilliseconds} ms, {threads} threads, {handlers.Sum(h => h.Foreign)} stray datagrams from other sockets ignored");
        }
        finally
        {
            for (var i = 0; i < opened; i++)
            {
                await transports[i].DisposeAsync();
            }
        }

        static int Peer(int i) => (i + (count / 2)) % count;

        static uint Ssrc(int i) => 0x10000000u + (uint)i;
    }

    private static byte[] ReceiverReport(uint ssrc)
    {
        // RTCP RR with no report blocks (RFC 3550 §6.4.2): V=2, RC=0, PT=201, length 1, the sender's SSRC.
        var report = new byte[8];
        report[0] = 0x80;
        report[1] = 201;
        report[3] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(report.AsSpan(4), ssrc);
        return report;
    }

    /// <summary>What one transport received from its call peer: which sequence numbers, how many RTCP reports, anything else.</summary>
    private sealed class PeerTraffic(uint peerSsrc, IPEndPoint peerRtp, IPEndPoint peerRtcp, int packets, Action arrived) : IMediaPacketHandler
    {
        private int _sequences;
        private int _rtcp;
        private int _unexpected;
        private int _foreign;
        private string _lastUnexpected = string.Empty;

        public bool Complete => Volatile.Read(ref _sequences) == (1 << packets) - 1 && Volatile.Read(ref _rtcp) == 1;

        public int Unexpected => Volatile.Read(ref _unexpected);

        public int Foreign => Volatile.Read(ref _foreign);

        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
        {
            if (!From(source, peerRtp))
            {
                // Another test or process sending to a port it used before we got it: not this call's traffic.
                Interlocked.Increment(ref _foreign);
                return;
            }

            var packet = RtpPacket.Parse(datagram);
            if (packet.Ssrc != peerSsrc || packet.SequenceNumber >= packets
                || (Interlocked.Or(ref _sequences, 1 << packet.SequenceNumber) & (1 << packet.SequenceNumber)) != 0)
            {
                _lastUnexpected = $"RTP ssrc {packet.Ssrc:X8} sequence {packet.SequenceNumber}";
                Interlocked.Increment(ref _unexpected);
                return;
            }

            arrived();
        }

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
        {
            if (!From(source, peerRtcp))
            {
                Interlocked.Increment(ref _foreign);
                return;
            }

            if (datagram.Length != 8 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != peerSsrc
                || Interlocked.Increment(ref _rtcp) != 1)
            {
                _lastUnexpected = $"RTCP of {datagram.Length} bytes";
                Interlocked.Increment(ref _unexpected);
                return;
            }

            arrived();
        }

        public override string ToString() => $"sequences 0b{Convert.ToString(Volatile.Read(ref _sequences), 2)}, {Volatile.Read(ref _rtcp)} RTCP, {Unexpected} unexpected {_lastUnexpected}";

        private static bool From(SocketAddress source, IPEndPoint expected) =>
            new IPEndPoint(IPAddress.Any, 0).Create(source).Equals(expected);
    }

    private sealed class ThrowingHandler : IMediaPacketHandler
    {
        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => throw new InvalidDataException("handler failed");

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => throw new InvalidDataException("handler failed");
    }
}
