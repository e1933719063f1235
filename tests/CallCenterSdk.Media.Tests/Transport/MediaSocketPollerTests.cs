using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;
using Xunit.Abstractions;

namespace CallCenterSdk.Media.Tests.Transport;

// Real sockets on 127.0.0.1, read by a poller of the test's own (Linux epoll).
public class MediaSocketPollerTests(ITestOutputHelper output)
{
    private static byte[] RtpBytes(ushort sequence, uint ssrc = 0xABCDEF01)
    {
        var buffer = new byte[12 + 160];
        RtpPacketBuilder.Write(buffer, new RtpHeader(0, sequence, sequence * 160u, ssrc), new byte[160]);
        return buffer;
    }

    [Fact]
    public void The_poller_runs_on_linux_with_the_threads_and_nice_value_asked_for()
    {
        Assert.True(MediaSocketPoller.IsSupported, "the poller is the Linux receive path; these tests run on Linux");
        using var poller = new MediaSocketPoller(threadCount: 2, nice: 3, name: "test-rx");
        Assert.Equal(2, poller.ThreadCount);
        Assert.Null(poller.PriorityError); // raising a nice value needs no privilege
        Assert.Equal(2, poller.NativeThreadIds.Distinct().Count());
        foreach (var tid in poller.NativeThreadIds)
        {
            var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            Assert.Contains("(test-rx-", stat, StringComparison.Ordinal);
            var nice = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture);
            Assert.Equal(3, nice);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaSocketPoller(threadCount: -1));
    }

    [Fact]
    public async Task A_transport_reads_through_the_poller_given_and_sends_without_net_async_sockets()
    {
        using var poller = new MediaSocketPoller(threadCount: 1);
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        Assert.Same(poller, receiver.Poller);
        var handler = new RecordingHandler();
        receiver.Start(handler);
        Assert.Equal(2, poller.RegisteredSockets); // RTP and RTCP of the receiver; the sender only sends

        for (ushort i = 0; i < 10; i++)
        {
            Assert.Equal(172, sender.SendRtp(RtpBytes(i), receiver.LocalRtpEndPoint.Serialize()));
        }

        await handler.WaitForAsync(10);
        Assert.Equal(10, poller.DatagramsRead);
        Assert.InRange(poller.Wakeups, 1, 10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => RtpBytes((ushort)i)), handler.Received.Select(r => r.Data));
        Assert.All(handler.Received, r => Assert.Equal(sender.LocalRtpEndPoint, r.Source));
        Assert.Equal(0, sender.SendsDropped);

        await receiver.DisposeAsync();
        Assert.Equal(0, poller.RegisteredSockets);
        Assert.Throws<ObjectDisposedException>(() => receiver.SendRtp(RtpBytes(1), sender.LocalRtpEndPoint.Serialize()));
    }

    // Descriptor number to the socket it names ("socket:[inode]"), for this process's sockets only.
    private static Dictionary<string, string> SocketDescriptors()
    {
        var sockets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(entry).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    sockets[Path.GetFileName(entry)] = target;
                }
            }
            catch (IOException)
            {
                // Closed by another thread between the listing and the read.
            }
        }

        return sockets;
    }

    [Fact]
    public async Task A_socket_number_reused_by_a_new_transport_never_delivers_to_the_closed_one()
    {
        // The kernel hands a closed descriptor's number to the next socket at once. Readiness is keyed by slot and
        // generation, so what arrives for the new socket reaches the new handler only, on every round.
        using var poller = new MediaSocketPoller(threadCount: 1);
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller, RtcpMux = true });
        var stale = new RecordingHandler();
        int reused = 0;
        for (var round = 0; round < 50; round++)
        {
            var old = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller, RtcpMux = true });
            old.Start(stale);
            var oldPort = old.LocalRtpEndPoint.Port;
            sender.SendRtp(RtpBytes(1), old.LocalRtpEndPoint.Serialize());
            await stale.WaitForAsync(round + 1);
            // Which socket descriptors closing `old` freed, and whether the new socket took one of those numbers. (Not a
            // comparison of the whole descriptor table: tests running in parallel open and close descriptors meanwhile.)
            var before = SocketDescriptors();
            await old.DisposeAsync();
            var afterClose = SocketDescriptors();
            var freed = before.Where(d => !afterClose.TryGetValue(d.Key, out var inode) || inode != d.Value).Select(d => d.Key).ToList();

            await using var fresh = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller, RtcpMux = true });
            var afterOpen = SocketDescriptors();
            if (freed.Any(fd => afterOpen.TryGetValue(fd, out var inode) && inode != before[fd]))
            {
                reused++; // the new socket took the old one's number
            }

            var handler = new RecordingHandler();
            fresh.Start(handler);
            sender.SendRtp(RtpBytes(2), fresh.LocalRtpEndPoint.Serialize());
            sender.SendRtp(RtpBytes(3), new IPEndPoint(IPAddress.Loopback, oldPort).Serialize());
            await handler.WaitForAsync(1);
            Assert.Equal(RtpBytes(2), Assert.Single(handler.Received).Data);
            Assert.Equal(round + 1, stale.Received.Count);
        }

        Assert.True(reused > 25, $"only {reused} of 50 new sockets reused the closed one's number: the test did not test reuse");
        Assert.Equal(0, poller.RegisteredSockets); // every receiver is closed; the sender never started receiving
    }

    [Fact]
    public async Task A_failing_handler_faults_its_own_transport_and_the_others_on_the_thread_keep_receiving()
    {
        using var poller = new MediaSocketPoller(threadCount: 1);
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        var failing = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        await using var healthy = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        failing.Start(new ThrowingHandler());
        var handler = new RecordingHandler();
        healthy.Start(handler);

        sender.SendRtp(RtpBytes(1), failing.LocalRtpEndPoint.Serialize());
        await Assert.ThrowsAsync<InvalidDataException>(() => failing.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, poller.RegisteredSockets); // the failed transport is out of the poller

        sender.SendRtp(RtpBytes(2), healthy.LocalRtpEndPoint.Serialize());
        await handler.WaitForAsync(1);
        await Assert.ThrowsAsync<InvalidDataException>(async () => await failing.DisposeAsync());
        Assert.False(healthy.Completion.IsCompleted);
    }

    [Fact]
    public async Task Disposing_a_transport_waits_for_the_datagram_its_handler_is_handling_and_none_follows()
    {
        using var poller = new MediaSocketPoller(threadCount: 1);
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        var slow = new SlowHandler();
        receiver.Start(slow);

        sender.SendRtp(RtpBytes(1), receiver.LocalRtpEndPoint.Serialize());
        Assert.True(slow.Entered.Wait(TimeSpan.FromSeconds(10)), "the handler was not called");
        for (ushort i = 2; i < 20; i++)
        {
            sender.SendRtp(RtpBytes(i), receiver.LocalRtpEndPoint.Serialize());
        }

        var dispose = Task.Run(async () => await receiver.DisposeAsync());
        await Task.Delay(200);
        Assert.False(dispose.IsCompleted, "the sockets closed while the handler was still reading a datagram");
        slow.Release.Set();
        await dispose.WaitAsync(TimeSpan.FromSeconds(10));
        var calls = slow.Calls;
        await Task.Delay(100);
        Assert.Equal(calls, slow.Calls);
        Assert.Equal(1, calls); // dispose took the socket out before the 18 waiting datagrams were read
    }

    [Fact]
    public async Task Disposing_the_poller_faults_the_transports_it_still_reads()
    {
        var poller = new MediaSocketPoller(threadCount: 1);
        var transport = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        transport.Start(new RecordingHandler());
        poller.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Throws<ObjectDisposedException>(() => UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller }).Start(new RecordingHandler()));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await transport.DisposeAsync());
    }

    [Fact]
    public async Task Cancelling_the_start_token_stops_reception_and_completes()
    {
        using var poller = new MediaSocketPoller(threadCount: 1);
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        await using var receiver = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller });
        using var cancel = new CancellationTokenSource();
        var handler = new RecordingHandler();
        receiver.Start(handler, cancel.Token);
        sender.SendRtp(RtpBytes(1), receiver.LocalRtpEndPoint.Serialize());
        await handler.WaitForAsync(1);
        await cancel.CancelAsync();
        await receiver.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        sender.SendRtp(RtpBytes(2), receiver.LocalRtpEndPoint.Serialize());
        await Task.Delay(100);
        Assert.Single(handler.Received);
        Assert.Equal(172, receiver.PendingRtpBytes); // still in the socket: nobody reads it
    }

    [Fact]
    public async Task Transports_opened_and_closed_by_the_thousand_while_traffic_flows_each_get_every_datagram()
    {
        // The churn of a busy B2BUA: calls start and end all the time while others carry audio. Each short-lived
        // transport must hear all of its own packets and none of anybody else's.
        const int calls = 2000;
        const int packets = 10;
        FileDescriptorLimit.EnsureRoomFor(1200);
        using var poller = new MediaSocketPoller(threadCount: 2);
        await using var sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller, RtcpMux = true });
        var failures = new ConcurrentQueue<string>();
        using var gate = new SemaphoreSlim(400);
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, calls).Select(async call =>
        {
            await gate.WaitAsync();
            try
            {
                var transport = UdpMediaTransport.Open(new UdpMediaTransportOptions { Poller = poller, RtcpMux = call % 2 == 0 });
                var handler = new CountingHandler((uint)call);
                transport.Start(handler);
                var target = transport.LocalRtpEndPoint.Serialize();
                for (ushort sequence = 0; sequence < packets; sequence++)
                {
                    sender.SendRtp(RtpBytes(sequence, (uint)call), target);
                    await Task.Yield();
                }

                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (handler.Count < packets && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(10);
                }

                await transport.DisposeAsync();
                if (handler.Count != packets)
                {
                    failures.Enqueue($"call {call}: {handler.Count} of {packets} own packets, {handler.Foreign} foreign, {transport.DatagramsReceived} read");
                }

                // Foreign datagrams can only come from other tests sending to a port they used before this transport got
                // it; they must never be another transport's of this test (counted separately by SSRC range).
                if (handler.Misrouted != 0)
                {
                    failures.Enqueue($"call {call}: {handler.Misrouted} datagrams of another transport of this test");
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        output.WriteLine($"{calls} transports x {packets} datagrams in {elapsed.ElapsedMilliseconds} ms: {poller.DatagramsRead} read in {poller.Wakeups} wake-ups");
        Assert.True(failures.IsEmpty, $"{failures.Count} transports missed datagrams; first: {string.Join("; ", failures.Take(5))}");
        Assert.Equal(0, poller.RegisteredSockets);
    }

    private sealed class ThrowingHandler : IMediaPacketHandler
    {
        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => throw new InvalidDataException("handler failed");

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => throw new InvalidDataException("handler failed");
    }

    private sealed class SlowHandler : IMediaPacketHandler
    {
        private int _calls;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int Calls => Volatile.Read(ref _calls);

        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
        {
            Interlocked.Increment(ref _calls);
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
        }

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => OnRtpDatagram(datagram, source);
    }

    private sealed class CountingHandler(uint ssrc) : IMediaPacketHandler
    {
        private int _count;
        private int _foreign;
        private int _misrouted;

        public int Count => Volatile.Read(ref _count);

        public int Foreign => Volatile.Read(ref _foreign);

        public int Misrouted => Volatile.Read(ref _misrouted);

        public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source)
        {
            var other = RtpPacket.Parse(datagram).Ssrc;
            if (other == ssrc)
            {
                Interlocked.Increment(ref _count);
            }
            else if (other < 2000)
            {
                Interlocked.Increment(ref _misrouted);
            }
            else
            {
                Interlocked.Increment(ref _foreign);
            }
        }

        public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => Interlocked.Increment(ref _foreign);
    }
}
