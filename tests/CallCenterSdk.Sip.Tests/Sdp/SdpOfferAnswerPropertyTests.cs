using CallCenterSdk.Sip.Sdp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Sdp;

public class SdpOfferAnswerPropertyTests
{
    private static readonly SdpCodec[] Pool =
    [
        SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.G722, SdpCodec.Opus, new SdpCodec(18, "G729", 8000), SdpCodec.ComfortNoise,
        new SdpCodec(98, "L16", 16000), new SdpCodec(97, "iLBC", 8000, 1, "mode=30"),
    ];

    private static readonly SdpCodec[] Events = [SdpCodec.TelephoneEvent8000, SdpCodec.TelephoneEvent48000];

    private static Gen<SdpLocalCapabilities> Party(string address, int port) =>
        from codecs in Gen.SubListOf(Pool).Where(l => l.Count > 0)
        from shuffled in Gen.Shuffle(codecs.ToArray())
        from events in Gen.SubListOf(Events)
        from direction in Gen.Elements(SdpDirection.SendReceive, SdpDirection.SendOnly, SdpDirection.ReceiveOnly, SdpDirection.Inactive)
        from mux in Gen.Elements(true, false)
        from ptime in Gen.Elements<double?>(null, 20, 30)
        from video in Gen.Elements(true, false)
        select Build(address, port, shuffled, events, direction, mux, ptime, video);

    private static SdpLocalCapabilities Build(string address, int port, SdpCodec[] codecs, IEnumerable<SdpCodec> events, SdpDirection direction, bool mux, double? ptime, bool video)
    {
        var party = new SdpLocalCapabilities(address, "1");
        var audio = new SdpMediaCapabilities("audio", port) { Direction = direction, RtcpMux = mux, Ptime = ptime };
        foreach (var c in codecs)
        {
            audio.Codecs.Add(c);
        }

        foreach (var e in events)
        {
            audio.TelephoneEvents.Add(e);
        }

        party.Media.Add(audio);
        if (video)
        {
            party.Media.Add(new SdpMediaCapabilities("video", port + 2) { Codecs = { new SdpCodec(96, "VP8", 90000) } });
        }

        return party;
    }

    [Property(MaxTest = 300)]
    public Property Every_answer_we_build_is_one_our_own_evaluation_accepts_with_the_same_outcome()
    {
        var gen =
            from offerer in Party("198.51.100.7", 40000)
            from answerer in Party("192.0.2.50", 30000)
            from order in Gen.Elements(SdpCodecOrder.Offerer, SdpCodecOrder.Local)
            from single in Gen.Elements(true, false)
            select (offerer, answerer, order, single);
        return Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var offer = SessionDescription.Parse(SdpOfferAnswer.CreateOffer(p.offerer).ToArray());
            var answered = SdpOfferAnswer.CreateAnswer(p.answerer, offer, new SdpAnswerOptions { CodecOrder = p.order, SingleCodec = p.single });
            var answer = SessionDescription.Parse(answered.Answer.ToArray());

            // RFC 3264 §6: one m-line per offered m-line, same media types.
            Assert.Equal(offer.Media.Select(m => m.MediaType), answer.Media.Select(m => m.MediaType));
            var evaluated = SdpOfferAnswer.EvaluateAnswer(offer, answer);
            for (var i = 0; i < offer.Media.Count; i++)
            {
                var ours = answered.Streams[i];
                var theirs = evaluated.Streams[i];
                Assert.Equal(ours.IsAccepted, theirs.IsAccepted);
                Assert.Equal(ours.IsAccepted, answer.Media[i].Port != 0);
                if (!ours.IsAccepted)
                {
                    continue;
                }

                // The chosen codec is offered, supported by the answerer, and both sides see the same one.
                Assert.Contains(offer.Media[i].GetCodecs(), c => c.PayloadType == ours.Codec!.PayloadType && c.IsSameEncoding(ours.Codec));
                Assert.Contains(p.answerer.Media.First(m => m.MediaType == ours.MediaType).Codecs, ours.Codec!.IsSameEncoding);
                Assert.Equal(ours.Codec.PayloadType, theirs.Codec!.PayloadType);
                Assert.False(ours.Codec.IsComfortNoise);
                Assert.Equal(ours.TelephoneEvent?.PayloadType, theirs.TelephoneEvent?.PayloadType);

                // Directions mirror each other and never exceed what either side allowed.
                Assert.Equal(ours.Direction, theirs.Direction.Reverse());
                var offerCaps = p.offerer.Media.First(m => m.MediaType == ours.MediaType);
                var answerCaps = p.answerer.Media.First(m => m.MediaType == ours.MediaType);
                Assert.Equal(offerCaps.Direction.Intersect(answerCaps.Direction.Reverse()), theirs.Direction);
                Assert.Equal(ours.RtcpMux, theirs.RtcpMux);
                Assert.Equal((p.offerer.Address, offerCaps.Port), (ours.RemoteAddress, ours.RemotePort));
                Assert.Equal((p.answerer.Address, answerCaps.Port), (theirs.RemoteAddress, theirs.RemotePort));
            }
        });
    }
}
