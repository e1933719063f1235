using System.Net;
using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Sip.Tests.Transactions;

/// <summary>Drives a <see cref="TransactionLayer"/> with a virtual millisecond clock and records what it sends and reports.</summary>
internal sealed class TransactionHarness
{
    public static readonly SipEndpoint PeerUdp = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    public static readonly SipEndpoint PeerTcp = new(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 5070), ConnectionId: 7);

    public TransactionHarness(SipTimerSettings? settings = null)
    {
        Layer = new TransactionLayer(settings ?? new SipTimerSettings(), Now);
    }

    public TransactionLayer Layer { get; }

    public long Now { get; private set; }

    public List<(long At, OutgoingMessage Message)> Sent { get; } = [];

    public List<TransactionEvent> Events { get; } = [];

    public void RunUntil(long ms)
    {
        // Step in 10 ms ticks, as the shell's clock would.
        while (Now < ms)
        {
            Now = Math.Min(Now + 10, ms);
            Layer.Advance(Now);
            Collect();
        }
    }

    public void Collect()
    {
        var outbox = new List<OutgoingMessage>();
        Layer.DrainOutbox(outbox);
        Sent.AddRange(outbox.Select(m => (Now, m)));
        Layer.DrainEvents(Events);
    }

    public ClientTransaction SendRequest(SipRequest request, SipEndpoint destination)
    {
        var t = Layer.SendRequest(request, destination, Now);
        Collect();
        return t;
    }

    public void Receive(SipMessage message, SipEndpoint from)
    {
        if (message is SipRequest request)
        {
            Layer.ReceiveRequest(request, from, Now);
        }
        else
        {
            Layer.ReceiveResponse((SipResponse)message, from, Now);
        }

        Collect();
    }

    public void Respond(ServerTransaction transaction, SipResponse response)
    {
        Layer.SendResponse(transaction, response, Now);
        Collect();
    }

    public IEnumerable<SipMessage> SentMessages => Sent.Select(s => SipMessageParser.ParseDatagram(s.Message.Bytes));

    public IEnumerable<long> SendTimesOf(Func<SipMessage, bool> predicate) =>
        Sent.Where(s => predicate(SipMessageParser.ParseDatagram(s.Message.Bytes))).Select(s => s.At);

    public static SipRequest Request(string method, string branch = "z9hG4bK-client-1", string transport = "UDP", int cseq = 1, string? toTag = null, string viaHost = "127.0.0.1:5070;rport")
    {
        var to = toTag is null ? "<sip:bob@127.0.0.1>" : $"<sip:bob@127.0.0.1>;tag={toTag}";
        var text =
            $"{method} sip:bob@127.0.0.1:5060 SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} {viaHost};branch={branch}\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:alice@127.0.0.1>;tag=from-1\r\n" +
            $"To: {to}\r\n" +
            "Call-ID: call-1@127.0.0.1\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            "Contact: <sip:alice@127.0.0.1:5070>\r\n" +
            "Content-Length: 0\r\n\r\n";
        return (SipRequest)SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text));
    }

    public static SipResponse ResponseTo(SipRequest request, int code, string? toTag = "to-1") =>
        (SipResponse)SipMessageBuilder.CreateResponse(request, code, toTag: code == 100 ? null : toTag).Build();
}
