using System.Collections.Concurrent;
using System.Net;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;

namespace CallCenterSdk.Media.Tests.Transport;

public class RtpEndpointTests
{
    private static RtpSession Session(string cname, int seed) => new(
        new RtpSessionOptions
        {
            CanonicalName = cname,

            // 720 kbit/s makes the reduced RTCP minimum 0.5 s: reports flow within a short test, and a member is
            // only timed out after 5 x 0.5 s of silence, which a scheduling hiccup on a busy machine cannot reach
            // (at 0.1 s the 0.5 s member timeout fired before the BYE now and then).
            SessionBandwidth = 720_000,
            ReducedMinimumInterval = true,
        },
        TimeProvider.System,
        new Random(seed));

    [Fact]
    public async Task Two_endpoints_exchange_media_latch_symmetric_rtp_report_and_say_goodbye()
    {
        var sinkA = new CollectingSink();
        var sinkB = new CollectingSink();
        var a = new RtpEndpoint(Session("a@test", 4101), UdpMediaTransport.Open(new UdpMediaTransportOptions()), sinkA, TimeProvider.System);
        await using var b = new RtpEndpoint(Session("b@test", 4102), UdpMediaTransport.Open(new UdpMediaTransportOptions()), sinkB, TimeProvider.System);

        // a knows b from SDP; b was told a wrong address (as behind NAT) and must learn a's real one.
        a.Session.SetRemote(b.Transport.LocalRtpEndPoint.Serialize(), b.Transport.LocalRtcpEndPoint.Serialize());
        b.Session.SetRemote(new IPEndPoint(IPAddress.Loopback, 9).Serialize());
        var left = new TaskCompletionSource<RtpSourceLeftEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Session.SourceLeft += (_, e) =>
        {
            // Only a's departure: other tests in this process churn sockets, and a datagram of theirs to a port b now
            // holds is a source of its own that times out here a few seconds later.
            if (e.Source.Ssrc == a.Session.LocalSsrc)
            {
                left.TrySetResult(e);
            }
        };
        a.Start();
        b.Start();

        var payload = new byte[160];
        for (var i = 0; i < 10; i++)
        {
            payload[0] = (byte)i;
            await a.SendAudioAsync(0, 160, payload);
        }

        await sinkB.WaitForAsync(9);
        Assert.True(b.Session.IsRtpLatched);
        Assert.Equal(a.Transport.LocalRtpEndPoint.Serialize(), b.Session.RemoteRtpAddress);

        // b answers to the latched address; a hears it.
        for (var i = 0; i < 5; i++)
        {
            await b.SendAudioAsync(0, 160, payload);
        }

        await sinkA.WaitForAsync(4);

        // Within a few report intervals each side has a report from the other. b's first report may go nowhere (no RTCP
        // address until a's report latches it), so the next one comes a full randomized interval later (RFC 3550 §6.3):
        // allow 30 s. Media keeps flowing meanwhile, as in a call: a report block is only about a source that sent
        // media, and on a loaded machine a long pause could let a silent sender time out and come back as a mere member.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stopMedia = new CancellationTokenSource();
        var sentByA = 10;
        var media = Task.Run(async () =>
        {
            while (!stopMedia.IsCancellationRequested)
            {
                await a.SendAudioAsync(0, 160, payload);
                Interlocked.Increment(ref sentByA);
                await b.SendAudioAsync(0, 160, payload);
                await Task.Delay(20);
            }
        });
        while (b.Session.GetSource(a.Session.LocalSsrc)?.LastSenderInfo is null || a.Session.GetSource(b.Session.LocalSsrc)?.ReportAboutUs is null)
        {
            await Task.Delay(20, timeout.Token);
        }

        await stopMedia.CancelAsync();
        await media;
        Assert.Equal("a@test", b.Session.GetSource(a.Session.LocalSsrc)!.CanonicalName);
        Assert.InRange(b.Session.GetSource(a.Session.LocalSsrc)!.LastSenderInfo!.Value.PacketCount, 10u, (uint)Volatile.Read(ref sentByA));
        Assert.Equal(0, a.InvalidRtpPackets + b.InvalidRtpPackets + a.InvalidRtcpPackets + b.InvalidRtcpPackets);

        await a.DisposeAsync();
        var bye = await left.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(bye.TimedOut);
        Assert.Equal(a.Session.LocalSsrc, bye.Source.Ssrc);
    }

    [Fact]
    public async Task Sending_without_a_remote_address_is_a_clear_error()
    {
        await using var a = new RtpEndpoint(Session("a@test", 4103), UdpMediaTransport.Open(new UdpMediaTransportOptions()), new CollectingSink(), TimeProvider.System);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await a.SendAudioAsync(0, 160, new byte[160]));
        Assert.Contains("remote", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reporting_ends_with_disposal_and_faults_when_the_kernel_refuses_a_report()
    {
        await using var ok = new RtpEndpoint(Session("ok@test", 4104), UdpMediaTransport.Open(new UdpMediaTransportOptions()), new CollectingSink(), TimeProvider.System);
        ok.Session.SetRemote(new IPEndPoint(IPAddress.Loopback, 9).Serialize(), new IPEndPoint(IPAddress.Loopback, 9).Serialize());
        ok.Start();
        await Task.Delay(100);
        Assert.False(ok.RtcpCompletion.IsCompleted);
        await ok.DisposeAsync();
        await ok.RtcpCompletion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(ok.RtcpCompletion.IsCompletedSuccessfully);

        // An IPv6 destination for an IPv4 socket: the first report is refused, and the endpoint says so.
        await using var refused = new RtpEndpoint(Session("refused@test", 4105), UdpMediaTransport.Open(new UdpMediaTransportOptions()), new CollectingSink(), TimeProvider.System);
        refused.Session.SetRemote(new IPEndPoint(IPAddress.Loopback, 9).Serialize(), new IPEndPoint(IPAddress.IPv6Loopback, 9).Serialize());
        refused.Start();
        var error = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => refused.RtcpCompletion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("sendto failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("errno", error.Message, StringComparison.Ordinal);

        // The BYE is refused the same way; disposal still closes the sockets without throwing.
        await refused.DisposeAsync();
    }

    private sealed class CollectingSink : IRtpPacketSink
    {
        private readonly ConcurrentQueue<ushort> _sequences = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public void OnRtpPacket(RtpPacket packet, RtpReceiveOutcome outcome)
        {
            _sequences.Enqueue(packet.SequenceNumber);
            _arrived.Release();
        }

        public async Task WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (_sequences.Count < count)
            {
                await _arrived.WaitAsync(timeout.Token);
            }
        }
    }
}
