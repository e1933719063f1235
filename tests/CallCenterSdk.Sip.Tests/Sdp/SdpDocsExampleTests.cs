using System.Buffers;
using System.Text;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Sip.Tests.Sdp;

/// <summary>The examples of docs/sdp.md, run as tests so the page cannot drift from the API.</summary>
public class SdpDocsExampleTests
{
    [Fact]
    public void Parse_read_and_serialize_example_works_as_documented()
    {
        // --- docs/sdp.md: "Parse, read, edit, write" ---
        byte[] body = Encoding.UTF8.GetBytes(
            "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.33\r\ns=-\r\nc=IN IP4 192.0.2.33\r\nt=0 0\r\n" +
            "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\n");

        SessionDescription sdp = SessionDescription.Parse(body);
        MediaDescription audio = sdp.Media[0];
        IReadOnlyList<SdpCodec> codecs = audio.GetCodecs();         // PCMU (static), PCMA (static), telephone-event
        SdpConnection? where = sdp.ConnectionOf(audio);              // c= of the media, else the session's
        SdpDirection direction = sdp.DirectionOf(audio);             // sendrecv when no attribute says otherwise

        audio.Direction = SdpDirection.SendOnly;                     // edit through typed views...
        audio.Attributes.Add(new SdpAttribute("label", "1"));        // ...or the ordered attribute list

        var writer = new ArrayBufferWriter<byte>();
        sdp.WriteTo(writer);                                         // UTF-8, CRLF, RFC 8866 line order
        // --- end of example ---

        Assert.Equal(["PCMU", "PCMA", "telephone-event"], codecs.Select(c => c.EncodingName));
        Assert.Equal("192.0.2.33", where!.Address);
        Assert.Equal(SdpDirection.SendReceive, direction);
        var reparsed = SessionDescription.Parse(writer.WrittenSpan);
        Assert.Equal(SdpDirection.SendOnly, reparsed.Media[0].Direction);
        Assert.Equal("1", reparsed.Media[0].Attributes.GetValue("label"));
    }

    [Fact]
    public void Offer_answer_example_works_as_documented()
    {
        var remoteOfferBytes = Encoding.UTF8.GetBytes(
            "v=0\r\no=phone 100 100 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n" +
            "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" +
            "m=video 49172 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");

        // --- docs/sdp.md: "Answer an offer" ---
        var local = new SdpLocalCapabilities("192.0.2.50", SdpLocalCapabilities.NewSessionId(new Random(7)));
        var audioCaps = new SdpMediaCapabilities("audio", 30000) { Ptime = 20 };
        audioCaps.Codecs.Add(SdpCodec.Opus);
        audioCaps.Codecs.Add(SdpCodec.Pcma);
        audioCaps.Codecs.Add(SdpCodec.Pcmu);
        audioCaps.TelephoneEvents.Add(SdpCodec.TelephoneEvent48000);
        audioCaps.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        local.Media.Add(audioCaps);

        SessionDescription offer = SessionDescription.Parse(remoteOfferBytes);
        SdpNegotiation result = SdpOfferAnswer.CreateAnswer(local, offer);
        if (!result.HasAcceptedStream)
        {
            // respond 488 Not Acceptable Here with result.Streams[i].RejectionReason
        }

        NegotiatedStream audio = result.FirstAccepted("audio")!;
        // audio.Codec = PCMU/8000 pt 0, audio.TelephoneEvent = telephone-event/8000 pt 101,
        // audio.RemoteAddress:RemotePort = 198.51.100.7:49170; the video m-line is answered with port 0.
        byte[] answerBody = result.Answer.ToArray();
        // --- end of example ---

        Assert.Equal(SdpCodec.Pcmu, audio.Codec);
        Assert.Equal(101, audio.TelephoneEvent!.PayloadType);
        Assert.Equal(("198.51.100.7", 49170), (audio.RemoteAddress, audio.RemotePort));
        Assert.Equal(0, SessionDescription.Parse(answerBody).Media[1].Port);

        // --- docs/sdp.md: "Offer, evaluate the answer, hold and resume" ---
        SessionDescription myOffer = SdpOfferAnswer.CreateOffer(local);
        SessionDescription theirAnswer = SessionDescription.Parse(Encoding.UTF8.GetBytes(
            "v=0\r\no=far 9 9 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8\r\n"));
        SdpNegotiation agreed = SdpOfferAnswer.EvaluateAnswer(myOffer, theirAnswer);   // throws SdpOfferAnswerException on RFC 3264 violations

        SessionDescription hold = SdpOfferAnswer.CreateHoldOffer(myOffer);     // a=sendonly, o= version + 1
        SessionDescription resume = SdpOfferAnswer.CreateResumeOffer(hold);    // a=sendrecv, o= version + 1
        // --- end of example ---

        Assert.Equal(SdpCodec.Pcma, agreed.Streams[0].Codec);
        Assert.Equal(myOffer.Origin.SessionVersion + 2, resume.Origin.SessionVersion);
        Assert.Equal(SdpDirection.SendOnly, hold.Media[0].Direction);
    }
}
