using System.Collections.Concurrent;
using System.Net;
using CallCenterSdk.Media.Transport;

namespace CallCenterSdk.Media.Tests.Transport;

/// <summary>Copies every datagram a transport delivers, so tests can wait for and inspect them.</summary>
internal sealed class RecordingHandler : IMediaPacketHandler
{
    public ConcurrentQueue<(bool Rtcp, byte[] Data, IPEndPoint Source)> Received { get; } = new();

    public SemaphoreSlim Arrived { get; } = new(0);

    public void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => Add(false, datagram, source);

    public void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source) => Add(true, datagram, source);

    public async Task WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Received.Count < count)
        {
            await Arrived.WaitAsync(timeout.Token);
        }
    }

    private void Add(bool rtcp, ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        var endPoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(source);
        Received.Enqueue((rtcp, datagram.ToArray(), endPoint));
        Arrived.Release();
    }
}
