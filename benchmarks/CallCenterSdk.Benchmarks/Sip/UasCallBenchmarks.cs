using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Sdp;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>
/// The whole UAS path of one call as samples/SipUas serves sipp's <c>uac</c>: parse the INVITE, server transaction
/// with 100 Trying, the SDP answer, 200 OK with its 2xx retransmission timer, ACK, BYE and its 200; the stack sends
/// the four responses with real <c>sendto</c> calls on loopback to a socket nobody reads (the kernel drops what
/// overflows). Only the receive system calls are left out. Transactions live on the real clock, so Timer L and J
/// keep about as many of them alive as a run at the same rate would.
/// </summary>
[MemoryDiagnoser]
public class UasCallBenchmarks
{
    private SipUserAgent _agent = null!;
    private SipStack _stack = null!;
    private ISipTransportSink _sink = null!;
    private Socket _peer = null!;
    private SipEndpoint _source;
    private MessageTemplate _invite = null!;
    private MessageTemplate _ack = null!;
    private MessageTemplate _bye = null!;
    private string? _lastTag;
    private long _call;
    private long _answered;

    [GlobalSetup]
    public void Setup()
    {
        _agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "uas", Product = "CallCenterSdk-SipUas" });
        var options = new SipStackOptions();
        options.ListenEndPoints.Add(new SipListenEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0)));
        _stack = new SipStack(options, _agent);
        _agent.Attach(_stack);
        _stack.StartAsync().GetAwaiter().GetResult();
        _sink = _stack;

        _peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 64 * 1024 };
        _peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peer = (IPEndPoint)_peer.LocalEndPoint!;
        _source = new SipEndpoint(SipTransportProtocol.Udp, peer, 0, _stack.Transports[0].LocalEndPoint);
        var peerHostPort = $"127.0.0.1:{peer.Port}";
        var stackHostPort = $"127.0.0.1:{_stack.Transports[0].LocalEndPoint.Port}";
        _invite = Invite(stackHostPort, peerHostPort);
        _ack = InDialog("ACK", 1, "5", stackHostPort, peerHostPort);
        _bye = InDialog("BYE", 2, "7", stackHostPort, peerHostPort);

        // The handler of samples/SipUas: answer the offer with PCMU/PCMA/telephone-event.
        var capabilities = new SdpLocalCapabilities("127.0.0.1", SdpLocalCapabilities.NewSessionId(new Random(1)));
        var audio = new SdpMediaCapabilities("audio", 6000) { Ptime = 20 };
        audio.Codecs.Add(SdpCodec.Pcmu);
        audio.Codecs.Add(SdpCodec.Pcma);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        capabilities.Media.Add(audio);
        _agent.IncomingCall += session =>
        {
            if (!SessionDescription.TryParse(session.RemoteBody.Span, out var offer, out _) ||
                SdpOfferAnswer.CreateAnswer(capabilities, offer) is not { HasAcceptedStream: true } negotiation)
            {
                session.Reject(488, "Not Acceptable Here");
                return;
            }

            session.Answer("application/sdp", negotiation.Answer.ToArray());
            Interlocked.Increment(ref _answered);
            Volatile.Write(ref _lastTag, session.Dialog!.LocalTag);
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stack.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer.Dispose();
        if (_answered != _call)
        {
            throw new InvalidOperationException($"{_call - _answered} of {_call} calls were not answered.");
        }
    }

    /// <summary>INVITE (100, 200), ACK, BYE (200): one call as sipp's uac makes it.</summary>
    [Benchmark]
    public void OneCall()
    {
        var n = ++_call;
        Receive(_invite, n, null);

        // The stack's clock thread may be the one delivering the INVITE to the user agent (whichever thread finds
        // the dispatcher free runs it), so the answer can come a moment later.
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref _lastTag) is not null, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("The INVITE was not answered.");
        }

        var toTag = _lastTag!;
        _lastTag = null;
        Receive(_ack, n, toTag);
        Receive(_bye, n, toTag);
    }

    private void Receive(MessageTemplate template, long call, string? toTag) =>
        _sink.OnMessage(SipMessageParser.ParseDatagram(template.Fill(call, toTag)), _source);

    /// <summary>
    /// A message with fixed-width slots for the call number (in Call-ID, tags and branch) and the UAS's 10-character
    /// To tag, filled in place: the benchmark itself allocates nothing per call.
    /// </summary>
    private sealed class MessageTemplate
    {
        private const string CallSlot = "##########";
        private const string TagSlot = "$$$$$$$$$$";
        private readonly byte[] _bytes;
        private readonly int[] _callSlots;
        private readonly int[] _tagSlots;

        public MessageTemplate(string text)
        {
            _bytes = Encoding.ASCII.GetBytes(text);
            _callSlots = Find(text, CallSlot);
            _tagSlots = Find(text, TagSlot);
        }

        public ReadOnlySpan<byte> Fill(long call, string? toTag)
        {
            foreach (var at in _callSlots)
            {
                var value = call;
                for (var i = CallSlot.Length - 1; i >= 0; i--, value /= 10)
                {
                    _bytes[at + i] = (byte)('0' + (value % 10));
                }
            }

            foreach (var at in _tagSlots)
            {
                if (toTag is null || toTag.Length != TagSlot.Length)
                {
                    throw new InvalidOperationException($"Expected a {TagSlot.Length}-character To tag, got '{toTag}'.");
                }

                Encoding.ASCII.GetBytes(toTag, _bytes.AsSpan(at, TagSlot.Length));
            }

            return _bytes;
        }

        private static int[] Find(string text, string slot)
        {
            var found = new List<int>();
            for (var i = text.IndexOf(slot, StringComparison.Ordinal); i >= 0; i = text.IndexOf(slot, i + slot.Length, StringComparison.Ordinal))
            {
                found.Add(i);
            }

            return [.. found];
        }
    }

    private static MessageTemplate Invite(string stack, string peer)
    {
        const string Sdp = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return new($"INVITE sip:service@{stack} SIP/2.0\r\nVia: SIP/2.0/UDP {peer};branch=z9hG4bK-##########-0\r\n" +
                   $"From: sipp <sip:sipp@{peer}>;tag=1SIPpTag00##########\r\nTo: service <sip:service@{stack}>\r\nCall-ID: ##########-bench@127.0.0.1\r\n" +
                   $"CSeq: 1 INVITE\r\nContact: sip:sipp@{peer}\r\nMax-Forwards: 70\r\nSubject: Performance Test\r\n" +
                   $"Content-Type: application/sdp\r\nContent-Length: {Sdp.Length}\r\n\r\n{Sdp}");
    }

    private static MessageTemplate InDialog(string method, int cseq, string branchSuffix, string stack, string peer) =>
        new($"{method} sip:service@{stack} SIP/2.0\r\nVia: SIP/2.0/UDP {peer};branch=z9hG4bK-##########-{branchSuffix}\r\n" +
            $"From: sipp <sip:sipp@{peer}>;tag=1SIPpTag00##########\r\nTo: service <sip:service@{stack}>;tag=$$$$$$$$$$\r\nCall-ID: ##########-bench@127.0.0.1\r\n" +
            $"CSeq: {cseq} {method}\r\nContact: sip:sipp@{peer}\r\nMax-Forwards: 70\r\nSubject: Performance Test\r\nContent-Length: 0\r\n\r\n");
}
