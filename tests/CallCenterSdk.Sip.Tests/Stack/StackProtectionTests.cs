using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Tests.UserAgent;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Sip.Tests.Stack;

/// <summary>
/// The stack's own answers before any transaction exists: 483 for Max-Forwards 0 (RFC 3261 §16.3, §8.2), the
/// per-source admission hook, and the received/rport parameters of responses (RFC 3261 §18.2.1, RFC 3581 §4).
/// </summary>
public sealed class StackProtectionTests
{
    internal static string Request(string method, string callId, int maxForwards = 70, string via = "SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-{0};rport", string? toTag = null) =>
        $"{method} sip:service@127.0.0.1 SIP/2.0\r\n" +
        $"Via: {string.Format(System.Globalization.CultureInfo.InvariantCulture, via, callId)}\r\n" +
        $"Max-Forwards: {maxForwards}\r\n" +
        $"From: <sip:caller@127.0.0.1>;tag=f-{callId}\r\n" +
        $"To: <sip:service@127.0.0.1>{(toTag is null ? string.Empty : ";tag=" + toTag)}\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Contact: <sip:caller@127.0.0.1:9>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static async Task<(SipStack Stack, SipUserAgent Agent)> StartAsync(Func<IPEndPoint, bool>? admit = null, SipTransportProtocol protocol = SipTransportProtocol.Udp)
    {
        var agent = new SipUserAgent();
        var options = new SipStackOptions { AdmitSource = admit };
        options.ListenEndPoints.Add(new SipListenEndPoint(protocol, new IPEndPoint(IPAddress.Loopback, 0)));
        var stack = new SipStack(options, agent);
        agent.Attach(stack);
        await stack.StartAsync();
        return (stack, agent);
    }

    [Fact]
    public async Task Invite_with_max_forwards_0_is_refused_with_483_and_creates_no_transaction_or_call()
    {
        var (stack, agent) = await StartAsync();
        await using var _ = stack;
        using var peer = new ScriptedPeer();
        var calls = 0;
        agent.IncomingCall += s => { Interlocked.Increment(ref calls); s.Reject(486); };
        await peer.SendRawAsync(Request("INVITE", "mf0-invite", maxForwards: 0), stack.Transports[0].LocalEndPoint);
        var (message, _) = await peer.ReceiveAsync(m => m is SipResponse);
        var response = (SipResponse)message;
        Assert.Equal(483, response.StatusCode);
        Assert.Equal("mf0-invite", response.CallId);
        Assert.NotNull(response.ToTag);
        Assert.Equal(SipMethod.Invite, response.CSeq.Method);
        Assert.Equal(0, calls);
        Assert.Equal(0, stack.TransactionCount);

        // The same INVITE one hop earlier is a call.
        await peer.SendRawAsync(Request("INVITE", "mf1-invite", maxForwards: 1), stack.Transports[0].LocalEndPoint);
        var refused = (SipResponse)(await peer.ReceiveAsync(m => m is SipResponse { StatusCode: >= 200, CallId: "mf1-invite" })).Message;
        Assert.Equal(486, refused.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Any_method_with_max_forwards_0_gets_483_but_an_ack_is_never_answered()
    {
        var (stack, _) = await StartAsync();
        await using var __ = stack;
        using var peer = new ScriptedPeer();
        await peer.SendRawAsync(Request("OPTIONS", "mf0-options", maxForwards: 0), stack.Transports[0].LocalEndPoint);
        Assert.Equal(483, ((SipResponse)(await peer.ReceiveAsync(m => m is SipResponse { CallId: "mf0-options" })).Message).StatusCode);

        // §17: an ACK has no response, whatever its Max-Forwards.
        await peer.SendRawAsync(Request("ACK", "mf0-ack", maxForwards: 0, toTag: "t"), stack.Transports[0].LocalEndPoint);
        Assert.True(await peer.NothingArrivesAsync(m => m is SipResponse { CallId: "mf0-ack" }, 500));
    }

    [Fact]
    public async Task Admission_hook_drops_every_message_of_a_refused_source_and_serves_the_others()
    {
        using var refused = new ScriptedPeer();
        using var admitted = new ScriptedPeer();
        var asked = new List<IPEndPoint>();
        var (stack, agent) = await StartAsync(source =>
        {
            lock (asked)
            {
                asked.Add(source);
            }

            return source.Port != refused.Port;
        });
        await using var _ = stack;
        var calls = 0;
        agent.IncomingCall += s => { Interlocked.Increment(ref calls); s.Reject(486); };
        var target = stack.Transports[0].LocalEndPoint;

        await refused.SendRawAsync(Request("INVITE", "from-refused"), target);
        await refused.SendRawAsync(Request("OPTIONS", "options-refused"), target);
        // Malformed (CSeq method differs from the request's): a 400 would go to an admitted source only.
        await refused.SendRawAsync(Request("OPTIONS", "bad-refused").Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal), target);
        await admitted.SendRawAsync(Request("OPTIONS", "options-admitted"), target);
        await admitted.SendRawAsync(Request("OPTIONS", "bad-admitted").Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal), target);

        Assert.Equal(200, ((SipResponse)(await admitted.ReceiveAsync(m => m is SipResponse { CallId: "options-admitted" })).Message).StatusCode);
        Assert.Equal(400, ((SipResponse)(await admitted.ReceiveAsync(m => m is SipResponse { CallId: "bad-admitted" })).Message).StatusCode);
        Assert.True(await refused.NothingArrivesAsync(_ => true, 700));
        Assert.Equal(0, calls);
        Assert.Equal(1, stack.TransactionCount); // only the admitted OPTIONS made a transaction (it waits for Timer J)
        lock (asked)
        {
            // The hook saw the real source address of every datagram, refused or not.
            Assert.Equal(3, asked.Count(a => a.Port == refused.Port));
            Assert.Equal(2, asked.Count(a => a.Port == admitted.Port));
            Assert.All(asked, a => Assert.Equal(IPAddress.Loopback, a.Address));
        }
    }

    [Fact]
    public async Task Udp_response_via_gets_received_even_when_equal_to_sent_by_when_rport_was_asked()
    {
        var (stack, _) = await StartAsync();
        await using var __ = stack;
        using var peer = new ScriptedPeer();
        // RFC 3581 §4: with rport, received is added even though sent-by (127.0.0.1) is the source address.
        await peer.SendRawAsync(Request("OPTIONS", "rport-same"), stack.Transports[0].LocalEndPoint);
        var via = ((SipResponse)(await peer.ReceiveAsync(m => m is SipResponse { CallId: "rport-same" })).Message).TopVia;
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(peer.Port, via.RPort);

        // Without rport and with sent-by equal to the source, the Via is returned as sent (§18.2.1), to sent-by's port.
        using var listener = new ScriptedPeer();
        var text = Request("OPTIONS", "no-rport", via: $"SIP/2.0/UDP 127.0.0.1:{listener.Port};branch=z9hG4bK-{{0}}");
        await peer.SendRawAsync(text, stack.Transports[0].LocalEndPoint);
        var plain = ((SipResponse)(await listener.ReceiveAsync(m => m is SipResponse { CallId: "no-rport" })).Message).TopVia;
        Assert.Null(plain.Received);
        Assert.False(plain.HasRPort);
    }

    [Fact]
    public async Task Tcp_response_via_gets_received_when_sent_by_differs_and_the_rport_value()
    {
        var (stack, _) = await StartAsync(protocol: SipTransportProtocol.Tcp);
        await using var __ = stack;
        using var client = new TcpClient();
        await client.ConnectAsync(stack.Transports[0].LocalEndPoint);
        var stream = client.GetStream();
        var local = (IPEndPoint)client.Client.LocalEndPoint!;

        // §18.2.1 applies to every transport: sent-by 192.0.2.1 is not where the request came from.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request("OPTIONS", "tcp-differs", via: "SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-{0}")));
        var differs = await ReadResponseAsync(stream);
        Assert.Equal("127.0.0.1", differs.TopVia.Received);
        Assert.False(differs.TopVia.HasRPort);

        // RFC 3581 §4 is not limited to UDP either: rport gets the source port, and received comes with it.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request("OPTIONS", "tcp-rport", via: "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-{0};rport")));
        var rport = await ReadResponseAsync(stream);
        Assert.Equal("127.0.0.1", rport.TopVia.Received);
        Assert.Equal(local.Port, rport.TopVia.RPort);

        // A domain name as sent-by always gets received.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Request("OPTIONS", "tcp-name", via: "SIP/2.0/TCP phone.example.com;branch=z9hG4bK-{0}")));
        Assert.Equal("127.0.0.1", (await ReadResponseAsync(stream)).TopVia.Received);
    }

    private static async Task<SipResponse> ReadResponseAsync(NetworkStream stream)
    {
        // Our responses to OPTIONS have no body: read up to the empty line.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            Assert.Equal(1, await stream.ReadAsync(one, cts.Token));
            bytes.Add(one[0]);
        }

        return (SipResponse)SipMessageParser.ParseDatagram(bytes.ToArray());
    }
}
