using System.Buffers;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>
/// SDP (RFC 8866): parse and serialize the body of a typical INVITE (a desk phone offering G.711 and
/// telephone-event), parse a large browser offer, answer the typical offer, and a lower bound that only
/// finds the line ends and the '=' of every line in the same bytes.
/// </summary>
[MemoryDiagnoser]
public class SdpBenchmarks
{
    /// <summary>The body of a typical INVITE from a SIP phone (254 bytes).</summary>
    public static readonly byte[] TypicalInviteSdp =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.33\r\ns=-\r\nc=IN IP4 192.0.2.33\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=maxptime:150\r\na=sendrecv\r\n"u8.ToArray();

    private static readonly string WebRtcOffer =
        "v=0\r\no=- 1090343221 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE audio\r\nm=audio 11158 UDP/TLS/RTP/SAVPF 111 0 8 110 101\r\nc=IN IP4 192.168.11.50\r\n" +
        "a=candidate:1988909849 1 udp 2122260223 192.168.11.50 11158 typ host generation 0\r\na=candidate:1846148317 1 udp 1686052607 203.0.113.9 40022 typ srflx raddr 192.168.11.50 rport 11158 generation 0\r\na=end-of-candidates\r\n" +
        "a=ice-ufrag:UWWAVCUMPZHPCLNIMZYA\r\na=ice-pwd:IEUVYLWMXMQZKCMLTXQHZZVWXRCBLPPNUYFPCABK\r\na=fingerprint:sha-256 C6:ED:8C:9D:06:50:77:23:0A:4A:D8:42:68:29:D0:70:2F:BB:C7:72:EC:98:5C:62:07:1B:0C:5D:CB:CE:BE:CD\r\n" +
        "a=setup:actpass\r\na=mid:audio\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:110 telephone-event/48000\r\na=rtpmap:101 telephone-event/8000\r\na=ssrc:1676157391 cname:NBv/ONzaeuNdPp6L\r\n";

    private readonly byte[] _webRtcOffer = System.Text.Encoding.UTF8.GetBytes(WebRtcOffer);
    private readonly ArrayBufferWriter<byte> _writer = new(1024);
    private SessionDescription _parsed = null!;
    private SdpLocalCapabilities _local = null!;

    /// <summary>Parses the inputs once for the serializer and offer/answer benchmarks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _parsed = SessionDescription.Parse(TypicalInviteSdp);
        _local = new SdpLocalCapabilities("192.0.2.50", "4242");
        var audio = new SdpMediaCapabilities("audio", 30000) { Ptime = 20 };
        audio.Codecs.Add(SdpCodec.Opus);
        audio.Codecs.Add(SdpCodec.Pcma);
        audio.Codecs.Add(SdpCodec.Pcmu);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent48000);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        _local.Media.Add(audio);
    }

    /// <summary>Lower bound: find every line end and check the 'x=' prefix, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int ScanLinesOnly()
    {
        ReadOnlySpan<byte> span = TypicalInviteSdp;
        var lines = 0;
        while (!span.IsEmpty)
        {
            var lf = span.IndexOf((byte)'\n');
            if (span.Length > 1 && span[1] == '=')
            {
                lines++;
            }

            span = lf < 0 ? default : span[(lf + 1)..];
        }

        return lines;
    }

    /// <summary>Parse the typical INVITE body into a <see cref="SessionDescription"/>.</summary>
    [Benchmark]
    public SessionDescription ParseTypicalInvite() => SessionDescription.Parse(TypicalInviteSdp);

    /// <summary>Parse the typical body and read its codecs (rtpmap/fmtp joined), as call control does.</summary>
    [Benchmark]
    public int ParseAndReadCodecs() => SessionDescription.Parse(TypicalInviteSdp).Media[0].GetCodecs().Count;

    /// <summary>Parse an 847-byte WebRTC audio offer with ICE candidates, fingerprint and ssrc.</summary>
    [Benchmark]
    public SessionDescription ParseWebRtcOffer() => SessionDescription.Parse(_webRtcOffer);

    /// <summary>Serialize the typical body into a reused (pooled) buffer writer.</summary>
    [Benchmark]
    public int SerializeIntoPooledWriter()
    {
        _writer.ResetWrittenCount();
        _parsed.WriteTo(_writer);
        return _writer.WrittenCount;
    }

    /// <summary>Answer the typical offer against Opus-first capabilities (codec intersection, DTMF, direction).</summary>
    [Benchmark]
    public SdpNegotiation CreateAnswer() => SdpOfferAnswer.CreateAnswer(_local, _parsed);
}
