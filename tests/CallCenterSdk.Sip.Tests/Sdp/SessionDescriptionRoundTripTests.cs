using System.Buffers;
using System.Text;
using CallCenterSdk.Sip.Sdp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Sdp;

public class SessionDescriptionRoundTripTests
{
    [Theory]
    [MemberData(nameof(SdpCorpus.Names), MemberType = typeof(SdpCorpus))]
    public void Corpus_file_serializes_back_to_the_same_bytes(string name)
    {
        // The corpus is canonical (RFC order, CRLF, single spaces), so the round trip is byte-exact.
        var original = SdpCorpus.Read(name);
        var serialized = SessionDescription.Parse(original).ToArray();
        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(serialized));
    }

    [Theory]
    [MemberData(nameof(SdpCorpus.Names), MemberType = typeof(SdpCorpus))]
    public void Corpus_file_reparses_to_an_equal_model(string name)
    {
        var first = SessionDescription.Parse(SdpCorpus.Read(name));
        var second = SessionDescription.Parse(first.ToArray());
        SdpStructure.AssertEqual(first, second);
        Assert.True(first.ContentEquals(second));
    }

    [Fact]
    public void Non_canonical_input_round_trips_semantically_into_canonical_form()
    {
        var messy = "v=0\no=-  7 9 IN IP4 192.0.2.1\ns=-\nt=0 0\nc=IN IP4 192.0.2.1\na=tool:x\nm=audio  4000 RTP/AVP 0  8\n\n"u8.ToArray();
        var sdp = SessionDescription.Parse(messy);
        var canonical = sdp.ToString();
        Assert.Equal("v=0\r\no=- 7 9 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=tool:x\r\nm=audio 4000 RTP/AVP 0 8\r\n", canonical);
        SdpStructure.AssertEqual(sdp, SessionDescription.Parse(Encoding.UTF8.GetBytes(canonical)));
    }

    [Property(MaxTest = 300)]
    public Property Generated_descriptions_survive_serialize_then_parse()
    {
        return Prop.ForAll(SdpGenerators.Description.ToArbitrary(), sdp =>
        {
            var bytes = sdp.ToArray();
            var parsed = SessionDescription.Parse(bytes);
            SdpStructure.AssertEqual(sdp, parsed);
            Assert.Equal(bytes, parsed.ToArray());
        });
    }

    [Fact]
    public void WriteTo_appends_into_a_buffer_writer_and_matches_ToArray()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("neuralx_invite_body.sdp"));
        var writer = new ArrayBufferWriter<byte>();
        writer.Write("prefix"u8);
        sdp.WriteTo(writer);
        Assert.Equal([.. "prefix"u8.ToArray(), .. sdp.ToArray()], writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Built_in_code_description_without_timing_gets_the_mandatory_t_line()
    {
        var sdp = new SessionDescription(new SdpOrigin("-", "1", 1, "IN", "IP4", "192.0.2.1"));
        Assert.Equal("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", sdp.ToString());
    }

    [Fact]
    public void Values_that_would_break_a_line_are_refused_when_serializing()
    {
        var sdp = new SessionDescription(new SdpOrigin("-", "1", 1, "IN", "IP4", "192.0.2.1")) { SessionName = "evil\r\na=injected" };
        var error = Assert.Throws<InvalidOperationException>(() => sdp.ToArray());
        Assert.Contains("CR, LF or NUL", error.Message, StringComparison.Ordinal);

        var media = new SessionDescription(new SdpOrigin("-", "1", 1, "IN", "IP4", "192.0.2.1"));
        media.Media.Add(new MediaDescription("audio", 4000, "RTP/AVP", []));
        Assert.Contains("at least one format", Assert.Throws<InvalidOperationException>(() => media.ToArray()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_setters_edit_the_attribute_list_in_place()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("neuralx_invite_body.sdp"));
        var audio = sdp.Media[0];
        audio.Direction = SdpDirection.SendOnly;
        audio.Ptime = 30;
        audio.RtcpMux = true;
        audio.Mid = "audio";
        var reparsed = SessionDescription.Parse(sdp.ToArray()).Media[0];
        Assert.Equal(SdpDirection.SendOnly, reparsed.Direction);
        Assert.Equal(30, reparsed.Ptime);
        Assert.True(reparsed.RtcpMux);
        Assert.Equal("audio", reparsed.Mid);
        Assert.Equal(1, reparsed.Attributes.Count(a => a.Name == "ptime"));
    }
}
