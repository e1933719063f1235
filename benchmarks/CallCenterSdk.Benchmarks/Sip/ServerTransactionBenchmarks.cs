using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>
/// The transaction layer's share of a call: an INVITE arrives, a server transaction is created (with or
/// without the automatic 100 Trying), the TU answers 200, and the transaction later ends on Timer L.
/// About 1,000 transactions are live at any time (the clock moves 32 ms per call, Timer L is 32 s).
/// </summary>
[MemoryDiagnoser]
public class ServerTransactionBenchmarks
{
    private const int Ring = 4096;
    private readonly SipRequest[] _invites = new SipRequest[Ring];
    private readonly SipResponse[] _oks = new SipResponse[Ring];
    private readonly List<TransactionEvent> _events = new(16);
    private readonly List<OutgoingMessage> _outbox = new(16);
    private readonly SipEndpoint _source = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private TransactionLayer _layer = null!;
    private long _now;
    private int _next;

    /// <summary>Whether the layer sends 100 Trying at once (the default) or leaves it to the TU.</summary>
    [Params(true, false)]
    public bool SendTrying { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Ring; i++)
        {
            var text = $"INVITE sip:bob@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-bench-{i};rport\r\n" +
                       $"Max-Forwards: 70\r\nFrom: <sip:alice@127.0.0.1>;tag=a{i}\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: bench-{i}@127.0.0.1\r\n" +
                       "CSeq: 1 INVITE\r\nContact: <sip:alice@127.0.0.1:5070>\r\nContent-Length: 0\r\n\r\n";
            _invites[i] = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
            _oks[i] = (SipResponse)SipMessageBuilder.CreateResponse(_invites[i], 200, toTag: "b" + i).Build();
        }

        _layer = new TransactionLayer(new SipTimerSettings { SendTryingImmediately = SendTrying }, 0);
        _now = 0;
        _next = 0;
    }

    [Benchmark]
    public int InviteAnsweredWith200()
    {
        var i = _next++ & (Ring - 1);
        _now += 32;
        _layer.ReceiveRequest(_invites[i], _source, _now);
        _events.Clear();
        _layer.DrainEvents(_events);
        _layer.SendResponse((ServerTransaction)_events[0].Transaction!, _oks[i], _now);
        _outbox.Clear();
        return _layer.DrainOutbox(_outbox);
    }
}
