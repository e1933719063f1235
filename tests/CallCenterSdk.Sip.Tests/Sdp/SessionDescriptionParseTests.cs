using System.Text;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Sip.Tests.Sdp;

public class SessionDescriptionParseTests
{
    private static SessionDescription Parse(string text) => SessionDescription.Parse(Encoding.UTF8.GetBytes(text));

    private static SdpParseException Reject(string text) =>
        Assert.Throws<SdpParseException>(() => SessionDescription.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Corpus_is_present_and_complete()
    {
        Assert.Equal(12, SdpCorpus.FileNames.Count());
    }

    [Fact]
    public void Corpus_files_are_byte_exact_copies_as_listed_in_SOURCES()
    {
        // CRLF line ends must survive git checkouts (.gitattributes marks *.sdp -text).
        var rows = File.ReadAllLines(Path.Combine(SdpCorpus.Directory, "SOURCES.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(SdpCorpus.FileNames.Count(), rows.Count);
        foreach (var row in rows)
        {
            var bytes = SdpCorpus.Read(row[0]);
            Assert.Equal(int.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture), bytes.Length);
            Assert.Equal(row[7], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
    }

    [Theory]
    [MemberData(nameof(SdpCorpus.Names), MemberType = typeof(SdpCorpus))]
    public void Every_corpus_file_parses_with_at_least_one_media(string name)
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read(name));
        Assert.NotEmpty(sdp.Media);
        Assert.NotEmpty(sdp.Timings);
    }

    [Fact]
    public void Real_invite_body_exposes_codecs_ptime_rtcp_and_session_level_direction()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("neuralx_invite_body.sdp"));

        Assert.Equal(new SdpOrigin("xxxxx", "1174909600", 1174909601, "IN", "IP4", "10.1.1.241"), sdp.Origin);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(new SdpConnection("IN", "IP4", "10.1.1.241"), sdp.Connection);
        Assert.Equal(SdpDirection.SendReceive, sdp.Direction);
        var audio = Assert.Single(sdp.Media);
        Assert.Equal(("audio", 20026, "RTP/AVP"), (audio.MediaType, audio.Port, audio.Protocol));
        Assert.Equal(["8", "0", "18", "101"], audio.Formats);
        Assert.Null(audio.Direction);
        Assert.Equal(SdpDirection.SendReceive, sdp.DirectionOf(audio));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(new SdpRtcp(20027, new SdpConnection("IN", "IP4", "10.1.1.241")), audio.Rtcp);
        var codecs = audio.GetCodecs();
        Assert.Equal(["PCMA", "PCMU", "G729", "telephone-event"], codecs.Select(c => c.EncodingName));
        Assert.Equal("annexb=no", codecs[2].FormatParameters);
        Assert.Equal("0-15", codecs[3].FormatParameters);
        Assert.True(codecs[3].IsTelephoneEvent);
    }

    [Fact]
    public void Fmtp_before_its_rtpmap_is_joined_by_payload_type()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("fmtp_before_rtpmap.sdp"));
        var video = Assert.Single(sdp.Media);
        var codec = Assert.Single(video.GetCodecs());
        Assert.Equal(new SdpCodec(96, "VP8", 90000, 1, "max-fs=12288;max-fr=60"), codec);
        Assert.Equal(SdpDirection.ReceiveOnly, video.Direction);
        Assert.True(video.RtcpMux);
        Assert.Equal("0", video.Mid);
        Assert.Equal(new SdpSsrc(2404235415, "cname", "{7c06c5db-d3db-4891-b729-df4919014c3f}"), Assert.Single(video.Ssrcs));
    }

    [Fact]
    public void Chrome_offer_keeps_candidates_ssrcs_and_unknown_attributes_in_order()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("chrome_offer.sdp"));
        Assert.Equal(2, sdp.Media.Count);
        Assert.Equal("BUNDLE 0 1", sdp.Attributes.GetValue("group"));
        Assert.Equal(" WMS ZJChDbsCl9zy9kENxMxREmEpZqKfhy2AGtsZ", sdp.Attributes.GetValue("msid-semantic"));
        var audio = sdp.Media[0];
        Assert.Equal(13, audio.Formats.Count);
        var candidate = Assert.Single(audio.Candidates);
        Assert.Equal(new SdpCandidate("1390596646", 1, "udp", 1880747346, "192.168.11.50", 61680, "host", "generation 0"), candidate);
        Assert.Equal(["ice-ufrag", "ice-pwd", "fingerprint", "candidate", "end-of-candidates", "mid"], audio.Attributes.Take(6).Select(a => a.Name));
        Assert.Equal(4, audio.Ssrcs.Count);
        Assert.All(audio.Ssrcs, s => Assert.Equal(1676157391u, s.Id));
        Assert.Equal(new SdpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1"), audio.GetCodecs()[0]);
        Assert.Equal(4, audio.GetCodecs().Count(c => c.IsTelephoneEvent));
        Assert.Equal(new SdpRtcp(9, new SdpConnection("IN", "IP4", "0.0.0.0")), audio.Rtcp);
        Assert.Equal(18, sdp.Media.Sum(m => m.Attributes.GetValues("extmap").Count));
        Assert.Equal("FID 3966011320 1316862390", sdp.Media[1].Attributes.GetValue("ssrc-group"));
        Assert.Equal(SdpDirection.SendReceive, sdp.Media[1].Direction);
    }

    [Fact]
    public void Sdes_crypto_lines_are_preserved_and_typed()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("sdes_multi_crypto_offer.sdp"));
        var cryptos = sdp.Media[0].Cryptos;
        Assert.Equal(2, cryptos.Count);
        Assert.Equal(new SdpCrypto(1, "AEAD_AES_256_GCM", "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVzAAAAAAAAAAAAAAAA", null), cryptos[0]);
        Assert.Equal("inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32", cryptos[1].KeyParameters);
        Assert.Equal("RTP/SAVP", sdp.Media[0].Protocol);
    }

    [Fact]
    public void Ipv6_multicast_and_phone_lines_parse()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("ipv6_multicast_rfc4566_example.sdp"));
        Assert.Equal("IP6", sdp.Origin.AddressType);
        Assert.Equal("2201:056D::112E:144A:1E24", sdp.Origin.Address);
        Assert.Equal(new SdpConnection("IN", "IP6", "FF1E:03AD::7F2E:172A:1E24"), sdp.Connection);
        Assert.Equal(["+1 713 555 1234"], sdp.Phones);
        Assert.Equal("(Almost) live video feed from Mars-II satellite", sdp.SessionName);
        var timing = Assert.Single(sdp.Timings);
        Assert.Equal((3338481189UL, 3370017201UL), (timing.StartTime, timing.StopTime));
        Assert.Equal(["audio", "video"], sdp.Media.Select(m => m.MediaType));
        Assert.Equal(new SdpCodec(2, "G726-32", 8000), Assert.Single(sdp.Media[0].GetCodecs()));
    }

    [Fact]
    public void Legacy_hold_with_null_connection_is_recognised()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("hold_null_connection.sdp"));
        Assert.True(sdp.Connection!.IsUnspecified);
        Assert.Equal(SdpDirection.SendOnly, sdp.Media[0].Direction);
        Assert.Equal(SdpCodec.Pcmu, sdp.Media[0].GetCodecs()[0]);
    }

    [Fact]
    public void Non_rtp_media_have_formats_but_no_codecs()
    {
        var fax = SessionDescription.Parse(SdpCorpus.Read("t38_fax_image.sdp")).Media[0];
        Assert.Equal(("image", "udptl", "t38"), (fax.MediaType, fax.Protocol, fax.Formats[0]));
        Assert.Empty(fax.GetCodecs());
        Assert.Equal("0", fax.Attributes.GetValue("T38FaxVersion"));

        var data = SessionDescription.Parse(SdpCorpus.Read("datachannel_only_offer.sdp")).Media[0];
        Assert.Equal(["webrtc-datachannel"], data.Formats);
        Assert.Equal("5000", data.Attributes.GetValue("sctp-port"));
    }

    [Fact]
    public void Every_line_type_parses_into_its_field()
    {
        var sdp = Parse(
            "v=0\r\no=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\ns=SDP Seminar\r\n" +
            "i=A Seminar on the session description protocol\r\nu=http://www.example.com/seminars/sdp.pdf\r\n" +
            "e=j.doe@example.com (Jane Doe)\r\np=+1 617 555-6011\r\nc=IN IP4 224.2.17.12/127/2\r\nb=CT:128\r\n" +
            "t=2873397496 2873404696\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\nk=prompt\r\na=recvonly\r\n" +
            "m=audio 49170/2 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 224.2.17.12/127\r\nb=AS:64\r\nk=clear:secret\r\na=maxptime:40\r\n");
        Assert.Equal("A Seminar on the session description protocol", sdp.Information);
        Assert.Equal("http://www.example.com/seminars/sdp.pdf", sdp.Uri);
        Assert.Equal(["j.doe@example.com (Jane Doe)"], sdp.Emails);
        Assert.Equal(["+1 617 555-6011"], sdp.Phones);
        Assert.Equal(new SdpConnection("IN", "IP4", "224.2.17.12", 127, 2), sdp.Connection);
        Assert.Equal([new SdpBandwidth("CT", 128)], sdp.Bandwidths);
        Assert.Equal(["7d 1h 0 25h"], sdp.Timings[0].Repeats);
        Assert.Equal("2882844526 -1h 2898848070 0", sdp.TimeZones);
        Assert.Equal("prompt", sdp.EncryptionKey);
        Assert.Equal(SdpDirection.ReceiveOnly, sdp.Direction);
        var m = sdp.Media[0];
        Assert.Equal((49170, (int?)2), (m.Port, m.PortCount));
        Assert.Equal("voice", m.Information);
        Assert.Equal(new SdpConnection("IN", "IP4", "224.2.17.12", 127), m.Connection);
        Assert.Equal([new SdpBandwidth("AS", 64)], m.Bandwidths);
        Assert.Equal("clear:secret", m.EncryptionKey);
        Assert.Equal(40, m.MaxPtime);
        Assert.Equal(SdpDirection.ReceiveOnly, sdp.DirectionOf(m));
    }

    [Fact]
    public void Bare_lf_line_ends_missing_final_newline_and_trailing_blank_lines_are_accepted()
    {
        var lf = Parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0");
        var trailing = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n\r\n\r\n");
        Assert.True(lf.ContentEquals(trailing));
        Assert.Equal(4000, lf.Media[0].Port);
    }

    [Fact]
    public void Fractional_ptime_and_ipv6_connection_parse()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:0.5\r\n");
        Assert.Equal(0.5, sdp.Media[0].Ptime);
        Assert.Equal("2001:db8::1", sdp.Connection!.Address);
    }

    [Theory]
    [InlineData("", "empty", 1, 0)]
    [InlineData("o=- 1 1 IN IP4 192.0.2.1\r\n", "must start with 'v='", 1, 0)]
    [InlineData("v=1\r\n", "unsupported protocol version", 1, 2)]
    [InlineData("v=0\r\ns=-\r\n", "'o=' must follow 'v='", 2, 5)]
    [InlineData("v=0\r\no=- 1 x IN IP4 192.0.2.1\r\n", "session version", 2, 11)]
    [InlineData("v=0\r\no=- 1a 1 IN IP4 192.0.2.1\r\n", "session id must be numeric", 2, 9)]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\n", "unicast address", 2, 19)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1 extra\r\n", "extra field", 2, 30)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.300\r\n", "invalid IPv4", 2, 20)]
    [InlineData("v=0\r\no=- 1 1 IN IP6 2001:db8:::1\r\n", "invalid IPv6", 2, 20)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", "'t=' is required", 3, 36)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nt=0 0\r\n", "'s=' is required", 3, 38)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\ns=x\r\n", "only once", 4, 36)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nx=unknown\r\n", "unknown line type 'x='", 4, 36)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nt=0 0\r\n", "not allowed in a media description", 6, 67)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nr=7d 1h 0\r\n", "must follow a 't='", 4, 36)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n", "port must be 0..65535", 5, 51)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP\r\n", "at least one media format", 5, 63)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:200 X/8000\r\n", "payload type 0..127", 6, 76)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", "<encoding name>/<clock rate>", 6, 78)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:fast\r\n", "milliseconds", 6, 75)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly:yes\r\n", "takes no value", 6, 78)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=candidate:1 1 udp 99 10.0.0.1 5000 host\r\n", "'typ <candidate type>'", 6, 104)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n", "crypto key parameters", 6, 101)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtcp:99999\r\n", "a=rtcp must start with a port", 6, 74)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ssrc:x cname:a\r\n", "32-bit source id", 6, 74)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 10.0.0.1/300\r\n", "TTL must be 0..255", 4, 54)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nb=AS\r\n", "<bwtype>:<bandwidth>", 4, 38)]
    [InlineData("v=0 \r\n", "unsupported protocol version", 1, 2)]
    [InlineData("v =0\r\n", "no space around '='", 1, 0)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n\r\ns=-\r\n", "blank line", 3, 31)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\rs=-\r\n", "CR without LF", 2, 29)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=a\0b\r\n", "NUL byte", 3, 34)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=\r\n", "attribute name", 4, 38)]
    [InlineData("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=bad name:x\r\n", "invalid character in attribute name", 4, 41)]
    public void Malformed_input_is_rejected_with_reason_line_and_offset(string text, string reason, int line, int offset)
    {
        var error = Reject(text);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_at_the_offending_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=X\r\nt=0 0\r\n");
        bytes[35] = 0xFF;
        var error = Assert.Throws<SdpParseException>(() => SessionDescription.Parse(bytes));
        Assert.Equal(35, error.Offset);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(SessionDescription.TryParse("v=0\r\n"u8, out var none, out var error));
        Assert.Null(none);
        Assert.Contains("'o=' is required", error!.Reason, StringComparison.Ordinal);
        Assert.True(SessionDescription.TryParse(SdpCorpus.Read("sdes_crypto_offer.sdp"), out var sdp, out _));
        Assert.Equal(20030, sdp!.Media[0].Port);
    }
}
