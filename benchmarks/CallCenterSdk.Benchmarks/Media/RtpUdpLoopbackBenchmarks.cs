using System.Net;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Media.Rtp;
using CallCenterSdk.Media.Transport;

namespace CallCenterSdk.Benchmarks.Media;

/// <summary>
/// RTP packets through the real UDP shell on 127.0.0.1: send from one transport, receive on another and hand them to
/// an <see cref="RtpEndpoint"/> (parse + session), read either by the <see cref="MediaSocketPoller"/> (Linux epoll, the
/// default) or by one .NET async receive loop per socket. Shows the socket cost per datagram, what a burst shares
/// (one wake-up for several datagrams), and that receiving allocates nothing per packet (the memory column covers
/// every thread).
/// </summary>
[MemoryDiagnoser]
public class RtpUdpLoopbackBenchmarks
{
    private const int Burst = 32;

    private readonly byte[] _payload = new byte[160];
    private UdpMediaTransport _sender = null!;
    private RtpEndpoint _receiver = null!;
    private CountingSink _sink = null!;
    private SocketAddress _target = null!;
    private RtpSession _sendSession = null!;
    private byte[] _buffer = null!;

    /// <summary>True: async receive loops (.NET's socket engine); false: the epoll poller.</summary>
    [Params(false, true)]
    public bool AsyncLoops { get; set; }

    /// <summary>Opens both ends and primes the session past probation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sink = new CountingSink();
        _receiver = new RtpEndpoint(new RtpSession(new RtpSessionOptions { CanonicalName = "rx@bench" }, TimeProvider.System, new Random(1)), UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = AsyncLoops }), _sink, TimeProvider.System);
        _receiver.Start();
        _sender = UdpMediaTransport.Open(new UdpMediaTransportOptions { AsyncReceiveLoops = AsyncLoops });
        _target = _receiver.Transport.LocalRtpEndPoint.Serialize();
        _sendSession = new RtpSession(new RtpSessionOptions { CanonicalName = "tx@bench" }, TimeProvider.System, new Random(2));
        _buffer = new byte[1500];
        // The first packet is on probation (RFC 3550 A.1) and never reaches the sink: prime past it.
        var length = _sendSession.WriteAudio(_buffer, 0, 160, _payload);
        _sender.SendRtpAsync(_buffer.AsMemory(0, length), _target).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < 10; i++)
        {
            SendAndWait();
        }
    }

    /// <summary>Closes both ends.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sender.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Send one 20 ms PCMU packet and wait until the receive loop has handed it to the sink.</summary>
    [Benchmark]
    public long SendAndWait()
    {
        var length = _sendSession.WriteAudio(_buffer, 0, 160, _payload);
        var send = _sender.SendRtpAsync(_buffer.AsMemory(0, length), _target);
        if (!send.IsCompletedSuccessfully)
        {
            send.AsTask().GetAwaiter().GetResult();
        }

        // A blocking wait, not a spin: the receive loop needs a core to run on.
        if (!_sink.Arrived.Wait(TimeSpan.FromSeconds(5)))
        {
            throw new TimeoutException("The packet did not come back through the loopback transport.");
        }

        return _sink.Count;
    }

    /// <summary>Send 32 packets back to back, then wait until all have reached the sink: the cost per datagram under load.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public long SendBurstAndWait()
    {
        for (var i = 0; i < Burst; i++)
        {
            var length = _sendSession.WriteAudio(_buffer, 0, 160, _payload);
            _sender.SendRtp(_buffer.AsSpan(0, length), _target);
        }

        for (var i = 0; i < Burst; i++)
        {
            if (!_sink.Arrived.Wait(TimeSpan.FromSeconds(5)))
            {
                throw new TimeoutException("A packet of the burst did not come back through the loopback transport.");
            }
        }

        return _sink.Count;
    }

    private sealed class CountingSink : IRtpPacketSink
    {
        public long Count;

        public SemaphoreSlim Arrived { get; } = new(0);

        public void OnRtpPacket(RtpPacket packet, RtpReceiveOutcome outcome)
        {
            Interlocked.Increment(ref Count);
            Arrived.Release();
        }
    }
}
