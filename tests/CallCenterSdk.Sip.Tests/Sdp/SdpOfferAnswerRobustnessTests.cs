using CallCenterSdk.Sip.Sdp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Sdp;

/// <summary>Remote descriptions are untrusted input: offer/answer may only reject them with its own exception.</summary>
public class SdpOfferAnswerRobustnessTests
{
    private static readonly byte[][] Files = [.. SdpCorpus.FileNames.Select(SdpCorpus.Read)];

    private static SdpLocalCapabilities Local()
    {
        var local = new SdpLocalCapabilities("192.0.2.50", "1");
        var audio = new SdpMediaCapabilities("audio", 30000) { RtcpMux = true };
        audio.Protocols.Add("RTP/SAVP");
        audio.Protocols.Add("UDP/TLS/RTP/SAVPF");
        audio.Codecs.Add(SdpCodec.Opus);
        audio.Codecs.Add(SdpCodec.Pcmu);
        audio.Codecs.Add(SdpCodec.ComfortNoise);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
        audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent48000);
        local.Media.Add(audio);
        local.Media.Add(new SdpMediaCapabilities("video", 30002) { Codecs = { new SdpCodec(96, "VP8", 90000) } });
        return local;
    }

    private static void Negotiate(SessionDescription remote)
    {
        var local = Local();
        try
        {
            var answer = SdpOfferAnswer.CreateAnswer(local, remote);
            Assert.Equal(remote.Media.Count, answer.Answer.Media.Count);
            SessionDescription.Parse(answer.Answer.ToArray());
        }
        catch (SdpOfferAnswerException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }

        try
        {
            SdpOfferAnswer.EvaluateAnswer(SdpOfferAnswer.CreateOffer(local), remote);
        }
        catch (SdpOfferAnswerException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public void Every_corpus_file_can_be_answered_and_evaluated_without_unexpected_exceptions()
    {
        foreach (var file in Files)
        {
            Negotiate(SessionDescription.Parse(file));
        }
    }

    [Property(MaxTest = 1500)]
    public Property Mutated_corpus_that_still_parses_never_breaks_offer_answer()
    {
        var gen =
            from file in Gen.Choose(0, Files.Length - 1)
            from flips in Gen.NonEmptyListOf(Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements<byte>([.. "0123456789 /:-.\r\nam=cIP6"u8.ToArray()])))
            select (file, flips);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var bytes = (byte[])Files[input.file].Clone();
            foreach (var (position, value) in input.flips.Take(4))
            {
                bytes[position % bytes.Length] = value;
            }

            if (SessionDescription.TryParse(bytes, out var sdp, out _))
            {
                Negotiate(sdp);
            }
        });
    }
}
