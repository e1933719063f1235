using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Sip.Tests.Interop;

/// <summary>Garbage, truncated and malformed messages never stop the transports serving the next valid request.</summary>
[Collection("interop")]
public class TransportRobustnessTests
{
    private static string Options(string branch, string transport) =>
        $"OPTIONS sip:uas@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} 127.0.0.1:9;branch=z9hG4bK{branch};rport\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:uas@127.0.0.1>\r\nCall-ID: {branch}@probe\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task Udp_transport_answers_400_to_malformed_requests_and_keeps_serving()
    {
        var port = FreePort.Next();
        await using var uas = await Samples.StartAsync("SipUas", ["--port", port.ToString(CultureInfo.InvariantCulture), "--transport", "udp"], TimeSpan.FromSeconds(30));
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var random = new Random(11);
        var valid = Encoding.ASCII.GetBytes(Options("valid0", "UDP"));
        for (var i = 0; i < 200; i++)
        {
            byte[] junk = (i % 4) switch
            {
                0 => RandomBytes(random, random.Next(1, 1500)),
                1 => valid[..random.Next(1, valid.Length - 1)],
                2 => Flip(valid, random),
                _ => Encoding.ASCII.GetBytes("INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKbad" + i + "\r\nCSeq: one INVITE\r\n\r\n"),
            };
            await client.SendAsync(junk, target);
        }

        // A request with Via/From/To/Call-ID/CSeq but a bad header value gets 400 with the reason.
        var bad = Options("badmf", "UDP").Replace("Max-Forwards: 70", "Max-Forwards: lots", StringComparison.Ordinal);
        await client.SendAsync(Encoding.ASCII.GetBytes(bad), target);
        var reply = await ReceiveMatchingAsync(client, "badmf");
        Assert.StartsWith("SIP/2.0 400 ", reply, StringComparison.Ordinal);

        await client.SendAsync(Encoding.ASCII.GetBytes(Options("after", "UDP")), target);
        Assert.StartsWith("SIP/2.0 200 ", await ReceiveMatchingAsync(client, "after"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_transport_survives_garbage_connections_and_serves_the_next_one()
    {
        var port = FreePort.Next();
        await using var uas = await Samples.StartAsync("SipUas", ["--port", port.ToString(CultureInfo.InvariantCulture), "--transport", "tcp"], TimeSpan.FromSeconds(30));
        var random = new Random(5);
        for (var i = 0; i < 30; i++)
        {
            using var junk = new TcpClient();
            await junk.ConnectAsync(IPAddress.Loopback, port);
            var stream = junk.GetStream();
            var bytes = i % 3 == 0
                ? RandomBytes(random, random.Next(1, 4000))
                : Encoding.ASCII.GetBytes(Options("t" + i, "TCP"))[..random.Next(1, 100)];
            await stream.WriteAsync(bytes);
        }

        // A missing Content-Length on a stream is an error (RFC 3261 §18.3): 400, then the connection closes.
        using (var noLength = new TcpClient())
        {
            await noLength.ConnectAsync(IPAddress.Loopback, port);
            var text = Options("nolen", "TCP").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);
            await noLength.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));
            var response = await ReadResponseAsync(noLength.GetStream());
            Assert.StartsWith("SIP/2.0 400 ", response, StringComparison.Ordinal);
        }

        using var good = new TcpClient();
        await good.ConnectAsync(IPAddress.Loopback, port);
        // RFC 5626 §4.4.1 keep-alive: a CRLFCRLF ping is answered with a CRLF pong, then the request is served.
        await good.GetStream().WriteAsync(Encoding.ASCII.GetBytes("\r\n\r\n" + Options("good", "TCP")));
        var answer = await ReadResponseAsync(good.GetStream());
        Assert.StartsWith("\r\nSIP/2.0 200 ", answer, StringComparison.Ordinal);
    }

    private static async Task<string> ReceiveMatchingAsync(UdpClient client, string marker)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await client.ReceiveAsync(cts.Token);
            var text = Encoding.UTF8.GetString(result.Buffer);
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[8192];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) || text.ToString().TrimStart('\r', '\n').Length == 0)
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            if (n == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Flip(byte[] source, Random random)
    {
        var copy = (byte[])source.Clone();
        for (var k = 0; k < 5; k++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}
