using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.Transport;

public class TransportTests
{
    private sealed class CountingSink : ISipTransportSink
    {
        public int Messages;

        public void OnMessage(SipMessage message, SipEndpoint source) => Interlocked.Increment(ref Messages);

        public void OnMalformed(SipParseException error, SipEndpoint source)
        {
        }
    }

    [Fact]
    public async Task Udp_transports_disposed_right_after_start_close_cleanly_and_keep_their_bound_port()
    {
        // Disposing before the receive loop first ran used to throw ObjectDisposedException from the loop.
        for (var i = 0; i < 50; i++)
        {
            var transport = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0));
            await transport.StartAsync(new CountingSink(), CancellationToken.None);
            var port = transport.LocalEndPoint.Port;
            Assert.NotEqual(0, port);
            await transport.DisposeAsync();
            Assert.Equal(port, transport.LocalEndPoint.Port);
        }
    }

    [Fact]
    public async Task Idle_tcp_connections_are_closed_and_active_ones_kept()
    {
        await using var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, 0), idleTimeout: TimeSpan.FromMilliseconds(1500));
        await transport.StartAsync(new CountingSink(), CancellationToken.None);
        using var idle = new TcpClient();
        await idle.ConnectAsync(transport.LocalEndPoint);
        using var busy = new TcpClient();
        await busy.ConnectAsync(transport.LocalEndPoint);
        // Keep-alive pings every 100 ms keep one connection active for 3 s, well past the 1.5 s idle timeout
        // (the margin absorbs a loaded machine stretching the delays).
        for (var i = 0; i < 30; i++)
        {
            await busy.GetStream().WriteAsync("\r\n\r\n"u8.ToArray());
            await Task.Delay(100);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[16];
        var read = await idle.GetStream().ReadAsync(buffer, cts.Token);
        Assert.Equal(0, read); // closed by the server
        Assert.Equal(1, transport.ConnectionCount);
    }

    [Fact]
    public async Task A_stack_serves_several_local_endpoints_at_once()
    {
        var agent = new SipUserAgent();
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 0)));
        await using var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();
        Assert.Equal(3, stack.Transports.Count);
        foreach (var transport in stack.Transports)
        {
            using var client = new UdpClient(transport.LocalEndPoint.AddressFamily);
            var host = transport.LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? "[::1]" : "127.0.0.1";
            var request = $"OPTIONS sip:x@{host} SIP/2.0\r\nVia: SIP/2.0/UDP {host}:9;branch=z9hG4bK-ep{transport.LocalEndPoint.Port};rport\r\nMax-Forwards: 70\r\n" +
                          $"From: <sip:p@{host}>;tag=a\r\nTo: <sip:x@{host}>\r\nCall-ID: ep{transport.LocalEndPoint.Port}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            await client.SendAsync(Encoding.ASCII.GetBytes(request), transport.LocalEndPoint);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var reply = await client.ReceiveAsync(cts.Token);
            Assert.StartsWith("SIP/2.0 200 ", Encoding.ASCII.GetString(reply.Buffer), StringComparison.Ordinal);
        }
    }
}
