using System.Text;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Sip.Tests.Sdp;

public class SdpOfferEvaluationTests
{
    private static SdpLocalCapabilities Local()
    {
        var local = new SdpLocalCapabilities("192.0.2.50", "777") { SessionVersion = 5 };
        var audio = new SdpMediaCapabilities("audio", 30000) { Ptime = 20 };
        audio.Codecs.Add(SdpCodec.Opus);
        audio.Codecs.Add(SdpCodec.Pcmu);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent48000);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        local.Media.Add(audio);
        return local;
    }

    private static SessionDescription Sdp(string text) => SessionDescription.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));

    private static string Answer(string mLine, string attributes, string connection = "198.51.100.7", string origin = "o=far 9 9 IN IP4 198.51.100.7") =>
        $"v=0\n{origin}\ns=-\nc=IN IP4 {connection}\nt=0 0\n{mLine}\n{attributes}";

    [Fact]
    public void Offer_lists_codecs_in_preference_order_with_rtpmap_fmtp_ptime_and_direction()
    {
        var offer = SessionDescription.Parse(SdpOfferAnswer.CreateOffer(Local()).ToArray());
        Assert.Equal(new SdpOrigin("-", "777", 5, "IN", "IP4", "192.0.2.50"), offer.Origin);
        var m = Assert.Single(offer.Media);
        Assert.Equal(("audio", 30000, "RTP/AVP"), (m.MediaType, m.Port, m.Protocol));
        Assert.Equal(["111", "0", "110", "101"], m.Formats);
        Assert.Equal([SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.TelephoneEvent48000, SdpCodec.TelephoneEvent8000], m.GetCodecs());
        Assert.Equal(20, m.Ptime);
        Assert.Equal(SdpDirection.SendReceive, m.Direction);
        Assert.Equal("192.0.2.50", offer.Connection!.Address);
    }

    [Fact]
    public void Offer_with_a_payload_type_used_twice_is_refused()
    {
        var local = Local();
        local.Media[0].Codecs.Add(new SdpCodec(111, "G722", 8000));
        Assert.Throws<ArgumentException>(() => SdpOfferAnswer.CreateOffer(local));
    }

    [Fact]
    public void Accepted_answer_gives_codec_remote_endpoint_and_direction()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var answer = Sdp(Answer("m=audio 40000 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-15\na=ptime:30\n"));

        var stream = Assert.Single(SdpOfferAnswer.EvaluateAnswer(offer, answer).Streams);
        Assert.True(stream.IsAccepted);
        Assert.Equal(SdpCodec.Pcmu, stream.Codec);
        Assert.Equal(new SdpCodec(101, "telephone-event", 8000, 1, "0-15"), stream.TelephoneEvent);
        Assert.Equal(("198.51.100.7", 40000, 40001), (stream.RemoteAddress, stream.RemotePort, stream.RemoteRtcpPort));
        Assert.Equal(SdpDirection.SendReceive, stream.Direction);
        Assert.Equal(30, stream.RemotePtime);
        Assert.Equal(30000, stream.LocalPort);
    }

    [Fact]
    public void Answer_that_renumbers_a_dynamic_codec_is_followed_when_sending()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var answer = Sdp(Answer("m=audio 40000 RTP/AVP 98", "a=rtpmap:98 opus/48000/2\n"));
        var stream = SdpOfferAnswer.EvaluateAnswer(offer, answer).Streams[0];
        Assert.Equal(98, stream.Codec!.PayloadType);
        Assert.Equal("opus", stream.Codec.EncodingName);
    }

    [Fact]
    public void Answer_without_rtpmap_for_an_offered_dynamic_type_uses_the_offers_mapping()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var stream = SdpOfferAnswer.EvaluateAnswer(offer, Sdp(Answer("m=audio 40000 RTP/AVP 111", string.Empty))).Streams[0];
        Assert.Equal(SdpCodec.Opus, stream.Codec);
    }

    [Fact]
    public void Rejected_stream_in_the_answer_is_reported_not_thrown()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var result = SdpOfferAnswer.EvaluateAnswer(offer, Sdp(Answer("m=audio 0 RTP/AVP 0", string.Empty)));
        Assert.False(result.HasAcceptedStream);
        Assert.Equal("rejected by the answerer (port 0)", result.Streams[0].RejectionReason);
    }

    [Theory]
    [InlineData("m=audio 40000 RTP/AVP 0\nm=audio 40002 RTP/AVP 0", "", "2 m-lines but the offer had 1")]
    [InlineData("m=video 40000 RTP/AVP 0", "", "is video but the offer's is audio")]
    [InlineData("m=audio 40000 RTP/SAVP 0", "", "uses RTP/SAVP but the offer used RTP/AVP")]
    [InlineData("m=audio 40000 RTP/AVP 8", "a=rtpmap:8 PCMA/8000\n", "PCMA/8000, which was not offered")]
    [InlineData("m=audio 40000 RTP/AVP 99", "", "payload type 99 without an rtpmap")]
    [InlineData("m=audio 40000 RTP/AVP 111", "a=rtpmap:111 G7221/16000\n", "maps payload type 111 to G7221/16000 but the offer mapped it to opus/48000")]
    [InlineData("m=audio 40000 RTP/AVP 101", "a=rtpmap:101 telephone-event/8000\n", "without any offered media codec")]
    [InlineData("m=audio 40000 RTP/AVP abc", "", "not an RTP payload type")]
    public void Answer_that_breaks_rfc_3264_is_refused_with_the_rule(string mLines, string attributes, string message)
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var error = Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.EvaluateAnswer(offer, Sdp(Answer(mLines, attributes))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_without_connection_address_is_refused()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var answer = Sdp("v=0\no=far 9 9 IN IP4 198.51.100.7\ns=-\nt=0 0\nm=audio 40000 RTP/AVP 0\n");
        Assert.Contains("no c= line", Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.EvaluateAnswer(offer, answer)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_may_not_accept_a_stream_the_offer_disabled()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        offer.Media[0].Port = 0;
        var error = Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.EvaluateAnswer(offer, Sdp(Answer("m=audio 40000 RTP/AVP 0", string.Empty))));
        Assert.Contains("disabled with port 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hold_then_resume_re_offers_bump_the_version_and_set_the_direction()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var hold = SdpOfferAnswer.CreateHoldOffer(offer);
        Assert.Equal(6UL, hold.Origin.SessionVersion);
        Assert.True(hold.Origin.IsSameSession(offer.Origin));
        Assert.Equal(SdpDirection.SendOnly, hold.Media[0].Direction);
        Assert.Equal(SdpDirection.SendReceive, offer.Media[0].Direction);

        var held = SdpOfferAnswer.EvaluateAnswer(hold, Sdp(Answer("m=audio 40000 RTP/AVP 0", "a=recvonly\n"))).Streams[0];
        Assert.Equal(SdpDirection.SendOnly, held.Direction);

        var resume = SdpOfferAnswer.CreateResumeOffer(hold);
        Assert.Equal(7UL, resume.Origin.SessionVersion);
        Assert.Equal(SdpDirection.SendReceive, resume.Media[0].Direction);
        var resumed = SdpOfferAnswer.EvaluateAnswer(resume, Sdp(Answer("m=audio 40000 RTP/AVP 0", "a=sendrecv\n"))).Streams[0];
        Assert.Equal(SdpDirection.SendReceive, resumed.Direction);
        Assert.Equal(SdpDirection.SendOnly, SessionDescription.Parse(hold.ToArray()).Media[0].Direction);
    }

    [Fact]
    public void Hold_of_a_stream_we_only_received_on_becomes_inactive()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        offer.Media[0].Direction = SdpDirection.ReceiveOnly;
        Assert.Equal(SdpDirection.Inactive, SdpOfferAnswer.CreateHoldOffer(offer).Media[0].Direction);
    }

    [Fact]
    public void Answer_that_sends_to_a_party_on_hold_breaks_the_offer_direction()
    {
        var hold = SdpOfferAnswer.CreateHoldOffer(SdpOfferAnswer.CreateOffer(Local()));
        var error = Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.EvaluateAnswer(hold, Sdp(Answer("m=audio 40000 RTP/AVP 0", "a=sendrecv\n"))));
        Assert.Contains("is sendrecv but the offer was sendonly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_with_connection_0_0_0_0_means_we_do_not_send()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var stream = SdpOfferAnswer.EvaluateAnswer(offer, Sdp(Answer("m=audio 40000 RTP/AVP 0", string.Empty, connection: "0.0.0.0"))).Streams[0];
        Assert.Equal(SdpDirection.ReceiveOnly, stream.Direction);
        Assert.True(stream.IsRemoteHold);
    }

    [Fact]
    public void Answer_to_a_re_offer_keeps_the_version_when_nothing_changed_and_bumps_it_otherwise()
    {
        const string Offer = "v=0\no=far 9 9 IN IP4 198.51.100.7\ns=-\nc=IN IP4 198.51.100.7\nt=0 0\nm=audio 40000 RTP/AVP 0\n";
        var first = SdpOfferAnswer.CreateAnswer(Local(), Sdp(Offer)).Answer;
        Assert.Equal(5UL, first.Origin.SessionVersion);

        var refresh = SdpOfferAnswer.CreateAnswer(Local(), Sdp(Offer), new SdpAnswerOptions { PreviousLocalDescription = first }).Answer;
        Assert.Equal(5UL, refresh.Origin.SessionVersion);
        Assert.True(refresh.ContentEquals(first));

        var holdOffer = Offer.Replace("m=audio 40000 RTP/AVP 0\n", "m=audio 40000 RTP/AVP 0\na=sendonly\n", StringComparison.Ordinal).Replace("9 9 IN", "9 10 IN", StringComparison.Ordinal);
        var holdAnswer = SdpOfferAnswer.CreateAnswer(Local(), Sdp(holdOffer), new SdpAnswerOptions { PreviousLocalDescription = refresh }).Answer;
        Assert.Equal(6UL, holdAnswer.Origin.SessionVersion);
        Assert.Equal(SdpDirection.ReceiveOnly, holdAnswer.Media[0].Direction);
    }

    [Fact]
    public void Remote_re_offer_is_classified_by_its_origin_version()
    {
        var previous = Sdp(Answer("m=audio 40000 RTP/AVP 0", string.Empty));
        Assert.Equal(SdpSessionChange.Unchanged, SdpOfferAnswer.CompareWithPrevious(previous, Sdp(Answer("m=audio 40000 RTP/AVP 0", string.Empty))));
        Assert.Equal(SdpSessionChange.Modified, SdpOfferAnswer.CompareWithPrevious(previous, Sdp(Answer("m=audio 40000 RTP/AVP 0", "a=sendonly\n", origin: "o=far 9 10 IN IP4 198.51.100.7"))));
        Assert.Equal(SdpSessionChange.Replaced, SdpOfferAnswer.CompareWithPrevious(previous, Sdp(Answer("m=audio 40000 RTP/AVP 0", string.Empty, origin: "o=other 1 1 IN IP4 198.51.100.9"))));

        var silentChange = Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.CompareWithPrevious(previous, Sdp(Answer("m=audio 40000 RTP/AVP 0", "a=sendonly\n"))));
        Assert.Contains("version stayed 9", silentChange.Message, StringComparison.Ordinal);
        var backwards = Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.CompareWithPrevious(previous, Sdp(Answer("m=audio 40000 RTP/AVP 0", string.Empty, origin: "o=far 9 8 IN IP4 198.51.100.7"))));
        Assert.Contains("went back from 9 to 8", backwards.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_answer_evaluated_as_if_we_were_the_offerer_agrees_with_what_we_decided()
    {
        // Both halves of the model must agree: evaluating the answer we built gives the same outcome.
        var remote = new SdpLocalCapabilities("198.51.100.7", "9");
        var audio = new SdpMediaCapabilities("audio", 40000);
        audio.Codecs.Add(SdpCodec.Pcmu);
        audio.Codecs.Add(SdpCodec.Opus);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        remote.Media.Add(audio);
        remote.Media.Add(new SdpMediaCapabilities("video", 40002) { Codecs = { new SdpCodec(96, "VP8", 90000) } });
        var offer = SdpOfferAnswer.CreateOffer(remote);

        var answered = SdpOfferAnswer.CreateAnswer(Local(), SessionDescription.Parse(offer.ToArray()));
        var evaluated = SdpOfferAnswer.EvaluateAnswer(offer, SessionDescription.Parse(answered.Answer.ToArray()));

        Assert.Equal(answered.Streams.Select(s => (s.IsAccepted, s.Codec)), evaluated.Streams.Select(s => (s.IsAccepted, s.Codec)));
        Assert.Equal(answered.Streams[0].TelephoneEvent, evaluated.Streams[0].TelephoneEvent);
        Assert.Equal(("192.0.2.50", 30000), (evaluated.Streams[0].RemoteAddress, evaluated.Streams[0].RemotePort));
    }
}
