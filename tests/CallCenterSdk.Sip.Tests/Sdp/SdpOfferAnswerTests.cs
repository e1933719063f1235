using System.Text;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Sip.Tests.Sdp;

public class SdpOfferAnswerTests
{
    /// <summary>A call-center endpoint that prefers Opus, then A-law, then mu-law.</summary>
    private static SdpLocalCapabilities OpusFirst(SdpDirection direction = SdpDirection.SendReceive)
    {
        var local = new SdpLocalCapabilities("192.0.2.50", "4242");
        var audio = new SdpMediaCapabilities("audio", 30000) { Ptime = 20, Direction = direction };
        audio.Codecs.Add(SdpCodec.Opus);
        audio.Codecs.Add(SdpCodec.Pcma);
        audio.Codecs.Add(SdpCodec.Pcmu);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent48000);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        local.Media.Add(audio);
        return local;
    }

    private static SessionDescription Sdp(string text) => SessionDescription.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));

    private const string PhoneOffer = """
        v=0
        o=phone 100 100 IN IP4 198.51.100.7
        s=-
        c=IN IP4 198.51.100.7
        t=0 0
        m=audio 49170 RTP/AVP 0 8 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:30
        a=sendrecv

        """;

    [Fact]
    public void Pcmu_pcma_telephone_event_offer_against_opus_first_capabilities_keeps_the_offerers_order()
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), Sdp(PhoneOffer));

        var stream = Assert.Single(result.Streams);
        Assert.True(stream.IsAccepted);
        Assert.Equal(SdpCodec.Pcmu, stream.Codec);
        Assert.Equal(new SdpCodec(101, "telephone-event", 8000, 1, "0-15"), stream.TelephoneEvent);
        Assert.Equal(("198.51.100.7", 49170, 49171), (stream.RemoteAddress, stream.RemotePort, stream.RemoteRtcpPort));
        Assert.Equal(SdpDirection.SendReceive, stream.Direction);
        Assert.Equal(30, stream.RemotePtime);
        Assert.Equal(30000, stream.LocalPort);

        // The answer goes on the wire: parse it back and check what a peer would read.
        var answer = SessionDescription.Parse(result.Answer.ToArray());
        var m = Assert.Single(answer.Media);
        Assert.Equal(["0", "101"], m.Formats);
        Assert.Equal(30000, m.Port);
        Assert.Equal("RTP/AVP", m.Protocol);
        Assert.Equal([SdpCodec.Pcmu, new SdpCodec(101, "telephone-event", 8000, 1, "0-15")], m.GetCodecs());
        Assert.Equal(SdpDirection.SendReceive, m.Direction);
        Assert.Equal(20, m.Ptime);
        Assert.Equal("192.0.2.50", answer.Connection!.Address);
        Assert.Equal("4242", answer.Origin.SessionId);
    }

    [Fact]
    public void Local_codec_order_picks_our_best_offered_codec_and_can_list_every_common_one()
    {
        var options = new SdpAnswerOptions { CodecOrder = SdpCodecOrder.Local, SingleCodec = false };
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), Sdp(PhoneOffer), options);

        var stream = result.Streams[0];
        Assert.Equal(SdpCodec.Pcma, stream.Codec);
        Assert.Equal([SdpCodec.Pcma, SdpCodec.Pcmu], stream.Codecs);
        Assert.Equal(["8", "0", "101"], result.Answer.Media[0].Formats);
    }

    [Fact]
    public void No_common_codec_rejects_the_stream_with_port_zero()
    {
        var offer = Sdp(PhoneOffer.Replace("0 8 101", "18 101", StringComparison.Ordinal).Replace("a=rtpmap:0 PCMU/8000\n", "a=rtpmap:18 G729/8000\n", StringComparison.Ordinal));
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), offer);

        Assert.False(result.HasAcceptedStream);
        var stream = Assert.Single(result.Streams);
        Assert.False(stream.IsAccepted);
        Assert.Contains("no common codec", stream.RejectionReason, StringComparison.Ordinal);
        Assert.Contains("G729/8000", stream.RejectionReason, StringComparison.Ordinal);
        var m = SessionDescription.Parse(result.Answer.ToArray()).Media[0];
        Assert.Equal((0, "audio", "RTP/AVP"), (m.Port, m.MediaType, m.Protocol));
        Assert.Equal(["18", "101"], m.Formats);
    }

    [Fact]
    public void Second_m_line_of_video_is_rejected_with_port_zero_while_audio_is_accepted()
    {
        var offer = Sdp(PhoneOffer + "m=video 49172 RTP/AVP 96\na=rtpmap:96 H264/90000\n");
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), offer);

        Assert.True(result.HasAcceptedStream);
        Assert.Equal(2, result.Answer.Media.Count);
        Assert.True(result.Streams[0].IsAccepted);
        Assert.False(result.Streams[1].IsAccepted);
        Assert.Equal("no local capability for video", result.Streams[1].RejectionReason);
        var video = SessionDescription.Parse(result.Answer.ToArray()).Media[1];
        Assert.Equal(("video", 0, "RTP/AVP"), (video.MediaType, video.Port, video.Protocol));
        Assert.Equal(["96"], video.Formats);
        Assert.Same(result.Streams[0], result.FirstAccepted("audio"));
    }

    [Fact]
    public void A_second_audio_stream_is_rejected_because_one_rtp_port_serves_one_stream()
    {
        var offer = Sdp(PhoneOffer + "m=audio 49180 RTP/AVP 0\n");
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), offer);
        Assert.True(result.Streams[0].IsAccepted);
        Assert.Equal("only one audio stream is supported", result.Streams[1].RejectionReason);
        Assert.Equal(0, result.Answer.Media[1].Port);
    }

    [Fact]
    public void Disabled_stream_and_unsupported_transport_are_rejected()
    {
        var offer = Sdp(PhoneOffer.Replace("m=audio 49170 RTP/AVP", "m=audio 49170 RTP/SAVP", StringComparison.Ordinal) + "m=audio 0 RTP/AVP 0\n");
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), offer);
        Assert.Equal("transport protocol RTP/SAVP is not supported", result.Streams[0].RejectionReason);
        Assert.Equal("the offer disabled the stream (port 0)", result.Streams[1].RejectionReason);
        Assert.All(result.Answer.Media, m => Assert.Equal(0, m.Port));
        Assert.Equal("RTP/SAVP", result.Answer.Media[0].Protocol);
    }

    [Fact]
    public void Dynamic_payload_type_is_renumbered_to_the_offerers_number()
    {
        var offer = Sdp("""
            v=0
            o=- 1 1 IN IP4 198.51.100.9
            s=-
            c=IN IP4 198.51.100.9
            t=0 0
            m=audio 5004 RTP/AVP 96 97
            a=rtpmap:96 OPUS/48000/2
            a=fmtp:96 stereo=1
            a=rtpmap:97 telephone-event/48000

            """);
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), offer);

        var stream = result.Streams[0];
        Assert.Equal(96, stream.Codec!.PayloadType);
        Assert.Equal("OPUS", stream.Codec.EncodingName);
        Assert.Equal("useinbandfec=1", stream.Codec.FormatParameters);
        Assert.Equal(97, stream.TelephoneEvent!.PayloadType);
        Assert.Equal("0-15", stream.TelephoneEvent.FormatParameters);
        var m = result.Answer.Media[0];
        Assert.Equal(["96", "97"], m.Formats);
        Assert.Contains(new SdpAttribute("rtpmap", "96 OPUS/48000/2"), m.Attributes);
        Assert.DoesNotContain(m.Attributes, a => a.Value?.StartsWith("111", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("111 0 110 101", 111, 110)]
    [InlineData("0 111 110 101", 0, 101)]
    [InlineData("111 101", 111, 101)]
    [InlineData("0 110", 0, 110)]
    public void Telephone_event_clock_rate_follows_the_chosen_codec_when_both_rates_are_offered(string formats, int codec, int telephoneEvent)
    {
        var offer = Sdp($"""
            v=0
            o=- 1 1 IN IP4 198.51.100.9
            s=-
            c=IN IP4 198.51.100.9
            t=0 0
            m=audio 5004 RTP/AVP {formats}
            a=rtpmap:111 opus/48000/2
            a=rtpmap:0 PCMU/8000
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:110 0-16
            a=fmtp:101 0-16

            """);
        var stream = SdpOfferAnswer.CreateAnswer(OpusFirst(), offer).Streams[0];
        Assert.Equal(codec, stream.Codec!.PayloadType);
        Assert.Equal(telephoneEvent, stream.TelephoneEvent!.PayloadType);
        Assert.Equal("0-16", stream.TelephoneEvent.FormatParameters);
    }

    [Fact]
    public void Telephone_event_is_left_out_when_we_support_none_of_the_offered_events()
    {
        var local = OpusFirst();
        local.Media[0].TelephoneEvents.Clear();
        local.Media[0].TelephoneEvents.Add(SdpCodec.TelephoneEvent8000 with { FormatParameters = "16" });
        var stream = SdpOfferAnswer.CreateAnswer(local, Sdp(PhoneOffer)).Streams[0];
        Assert.Null(stream.TelephoneEvent);
        Assert.Equal(["0"], SdpOfferAnswer.CreateAnswer(local, Sdp(PhoneOffer)).Answer.Media[0].Formats);
    }

    [Theory]
    [InlineData("sendonly", "recvonly", true)]
    [InlineData("recvonly", "sendonly", false)]
    [InlineData("inactive", "inactive", true)]
    [InlineData("sendrecv", "sendrecv", false)]
    public void Answer_direction_mirrors_the_offered_direction(string offered, string answered, bool remoteHold)
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), Sdp(PhoneOffer.Replace("a=sendrecv", "a=" + offered, StringComparison.Ordinal)));
        Assert.Equal(answered, result.Streams[0].Direction.ToAttributeName());
        Assert.Equal(remoteHold, result.Streams[0].IsRemoteHold);
        Assert.Equal(answered, SessionDescription.Parse(result.Answer.ToArray()).Media[0].Direction!.Value.ToAttributeName());
    }

    [Fact]
    public void Legacy_hold_with_connection_0_0_0_0_is_answered_recvonly()
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), Sdp(PhoneOffer.Replace("c=IN IP4 198.51.100.7", "c=IN IP4 0.0.0.0", StringComparison.Ordinal)));
        var stream = result.Streams[0];
        Assert.Equal(SdpDirection.ReceiveOnly, stream.Direction);
        Assert.True(stream.IsRemoteHold);
        Assert.Equal("0.0.0.0", stream.RemoteAddress);
    }

    [Fact]
    public void Legacy_hold_corpus_file_is_answered_without_sending()
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), SessionDescription.Parse(SdpCorpus.Read("hold_null_connection.sdp")));
        Assert.Equal(SdpDirection.ReceiveOnly, result.Streams[0].Direction);
        Assert.False(result.Streams[0].Direction.CanSend());
    }

    [Fact]
    public void Our_own_hold_narrows_the_answer_direction()
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(SdpDirection.SendOnly), Sdp(PhoneOffer));
        Assert.Equal(SdpDirection.SendOnly, result.Streams[0].Direction);
    }

    [Fact]
    public void Rtcp_mux_and_rtcp_port_attributes_set_the_remote_rtcp_endpoint()
    {
        var local = OpusFirst();
        local.Media[0].RtcpMux = true;
        var muxed = SdpOfferAnswer.CreateAnswer(local, Sdp(PhoneOffer + "a=rtcp-mux\n")).Streams[0];
        Assert.True(muxed.RtcpMux);
        Assert.Equal(49170, muxed.RemoteRtcpPort);

        var explicitRtcp = SdpOfferAnswer.CreateAnswer(OpusFirst(), Sdp(PhoneOffer + "a=rtcp:50000 IN IP4 198.51.100.8\na=rtcp-mux\n")).Streams[0];
        Assert.False(explicitRtcp.RtcpMux);
        Assert.Equal(("198.51.100.8", 50000), (explicitRtcp.RemoteRtcpAddress, explicitRtcp.RemoteRtcpPort));
    }

    [Fact]
    public void Comfort_noise_alone_is_not_a_common_codec()
    {
        var local = OpusFirst();
        local.Media[0].Codecs.Add(SdpCodec.ComfortNoise);
        var offer = Sdp(PhoneOffer.Replace("0 8 101", "13 18", StringComparison.Ordinal));
        Assert.False(SdpOfferAnswer.CreateAnswer(local, offer).HasAcceptedStream);

        var withCn = SdpOfferAnswer.CreateAnswer(local, Sdp(PhoneOffer.Replace("0 8 101", "13 8", StringComparison.Ordinal)), new SdpAnswerOptions { SingleCodec = false });
        Assert.Equal(SdpCodec.Pcma, withCn.Streams[0].Codec);
        Assert.Equal(["8", "13"], withCn.Answer.Media[0].Formats);
    }

    [Fact]
    public void Offer_without_any_connection_address_is_refused()
    {
        var offer = Sdp(PhoneOffer.Replace("c=IN IP4 198.51.100.7\n", string.Empty, StringComparison.Ordinal));
        var error = Assert.Throws<SdpOfferAnswerException>(() => SdpOfferAnswer.CreateAnswer(OpusFirst(), offer));
        Assert.Contains("no c= line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_invite_body_is_answered_with_pcma_and_telephone_event()
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), SessionDescription.Parse(SdpCorpus.Read("neuralx_invite_body.sdp")));
        var stream = result.Streams[0];
        Assert.Equal(SdpCodec.Pcma, stream.Codec);
        Assert.Equal(101, stream.TelephoneEvent!.PayloadType);
        Assert.Equal(("10.1.1.241", 20027), (stream.RemoteRtcpAddress, stream.RemoteRtcpPort));
        Assert.Equal(20, stream.RemotePtime);
    }

    [Fact]
    public void Ipv6_offer_is_answered_from_an_ipv6_address()
    {
        var local = new SdpLocalCapabilities("2001:db8::50", "9");
        local.Media.Add(new SdpMediaCapabilities("audio", 30000) { Codecs = { SdpCodec.Pcma } });
        var offer = Sdp(PhoneOffer.Replace("IN IP4 198.51.100.7", "IN IP6 2001:db8::7", StringComparison.Ordinal));

        var result = SdpOfferAnswer.CreateAnswer(local, offer);
        var answer = SessionDescription.Parse(result.Answer.ToArray());
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::50"), answer.Connection);
        Assert.Equal(("IP6", "2001:db8::50"), (answer.Origin.AddressType, answer.Origin.Address));
        Assert.Equal("2001:db8::7", result.Streams[0].RemoteAddress);
        Assert.Equal(SdpCodec.Pcma, result.Streams[0].Codec);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::1"), SdpConnection.For(System.Net.IPAddress.Parse("2001:db8::1")));
        Assert.True(new SdpConnection("IN", "IP6", "::").IsUnspecified);
    }

    [Fact]
    public void Browser_offer_over_dtls_srtp_is_rejected_stream_by_stream()
    {
        var result = SdpOfferAnswer.CreateAnswer(OpusFirst(), SessionDescription.Parse(SdpCorpus.Read("chrome_offer.sdp")));
        Assert.False(result.HasAcceptedStream);
        Assert.Equal(2, result.Answer.Media.Count);
        Assert.Contains("UDP/TLS/RTP/SAVPF", result.Streams[0].RejectionReason, StringComparison.Ordinal);
    }
}
