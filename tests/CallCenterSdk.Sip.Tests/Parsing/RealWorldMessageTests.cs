using System.Buffers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>
/// Messages captured from real equipment (Corpus/sip-realworld/SOURCES.tsv). Where a capture's Content-Length is
/// larger than its body, RFC 3261 §18.3 says a UDP receiver answers 400: the parser rejects it and still hands back
/// the header section so the 400 can be built.
/// </summary>
public class RealWorldMessageTests
{
    private static SipMessage Parse(string file) => SipMessageParser.ParseDatagram(SipCorpus.Read("sip-realworld/" + file).AsMemory());

    private static SipMessage RejectedForShortBody(string file, int declared, int actual)
    {
        var e = Assert.Throws<SipParseException>(() => Parse(file));
        Assert.Equal($"Content-Length {declared} exceeds the {actual} body bytes received", e.Reason);
        return Assert.IsAssignableFrom<SipMessage>(e.PartialMessage);
    }

    [Fact]
    public void Audiocodes_invite_with_short_body_is_rejected_but_its_headers_are_readable()
    {
        var m = (SipRequest)RejectedForShortBody("01_audiocodes_mediant1000_invite_sdp.sip", 173, 171);
        Assert.Equal(SipMethod.Invite, m.Method);
        Assert.Equal("5753606;context=private", ((SipUri)m.RequestUri).User);
        Assert.Equal(2, m.Vias.Count);
        Assert.Equal("1c619456422", m.FromTag);
        Assert.Equal(["em", "timer", "replaces", "path", "resource-priority", "sdp-anat"], m.Supported);
        Assert.Equal(12, m.Allow.Count);
        Assert.Equal("\"Dave Horton<sip:4083084809;context=private>@10.1.0.2", m.Headers["P-Asserted-Identity"]);
    }

    [Fact]
    public void Dialogic_200_ok_with_short_body_is_rejected_but_its_headers_are_readable()
    {
        var m = (SipResponse)RejectedForShortBody("02_dialogic_200ok_sdp.sip", 176, 174);
        Assert.Equal(200, m.StatusCode);
        Assert.True(m.TopVia.HasRPort);
        Assert.Null(m.TopVia.RPort);
        Assert.Equal("10.1.10.3", m.TopVia.Received);
        Assert.Equal("a94c095b773be1dd6e8d668a785a9c84fac73504", m.ToTag);
        Assert.Equal("Dialogic-SIP/10.5.3.304 Raytheon_N0 0", m.Server);
    }

    [Fact]
    public void Sonus_siprec_multipart_with_short_body_is_rejected_but_its_headers_are_readable()
    {
        var m = RejectedForShortBody("03_sonus_siprec_invite_multipart.sip", 3304, 3005);
        Assert.Equal(["siprec"], m.Require);
        Assert.Equal(1800u, m.SessionExpires!.Seconds);
        Assert.Equal("sonus-content-delim", m.ContentType!.Boundary);
        Assert.True(Assert.Single(m.Contacts).Parameters.Contains("+sip.src"));
    }

    [Fact]
    public void Scanner_options_without_empty_line_is_rejected_on_udp_and_waits_on_a_stream()
    {
        var bytes = SipCorpus.Read("sip-realworld/04_scanner_options_unterminated.sip");
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(bytes.AsMemory()));
        Assert.Equal("header section not terminated by an empty line", e.Reason);
        Assert.False(SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(bytes), out _, out _, out _));
    }

    [Fact]
    public void Ekiga_register_with_single_quoted_digest_values_parses_but_its_broken_contact_does_not()
    {
        var m = Parse("05_ekiga_register_digest.sip");
        var auth = Assert.Single(m.Authorization);
        Assert.True(auth.IsDigest);
        Assert.Equal("'twolmsted'", auth.Get("username"));
        Assert.Equal("MD5", auth.Get("algorithm"));
        Assert.Equal(3600u, m.Expires);
        Assert.Throws<SipParseException>(() => m.Contacts);
        Assert.Throws<SipParseException>(m.Validate);
    }

    [Fact]
    public void Cisco_ack_reads_proxy_authorization_date_and_keeps_remote_party_id()
    {
        var m = (SipRequest)Parse("06_cisco7960_ack_proxyauth.sip");
        m.Validate();
        Assert.Equal(SipMethod.Ack, m.Method);
        Assert.Null(m.FromTag);
        Assert.Equal("dev", m.From.DisplayName);
        var auth = Assert.Single(m.ProxyAuthorization);
        Assert.Equal("aaron", auth.Get("username"));
        Assert.Equal("sip.blueface.ie", auth.Get("realm"));
        Assert.Equal("md5", auth.Get("algorithm"));
        Assert.Equal(new DateTimeOffset(2006, 8, 7, 14, 57, 40, TimeSpan.Zero), m.Date);
        Assert.StartsWith("\"dev\" <sip:aaron@89.100.92.186>;party=calling", m.Headers["Remote-Party-ID"], StringComparison.Ordinal);
    }

    [Fact]
    public void Xlite_unregister_without_content_length_takes_the_datagram_end_as_body_end()
    {
        var m = Parse("07_xlite_register_unbind.sip");
        m.Validate();
        Assert.Null(m.ContentLength);
        Assert.Equal(0, m.Body.Length);
        var c = Assert.Single(m.Contacts);
        Assert.Equal("0", c.Parameters["expires"]);
        Assert.Equal("6d2bbd8014ca7a76", ((SipUri)c.Uri).Parameters["rinstance"]);
        Assert.Equal("89.100.104.191", m.TopVia.Received);
    }

    [Fact]
    public void Neuralx_invite_with_short_body_is_rejected_and_repeated_allow_headers_combine()
    {
        var m = RejectedForShortBody("08_neuralx_invite_sdp.sip", 318, 315);
        Assert.Equal("'Joe Bloggs'", m.From.DisplayName);
        Assert.Equal(7, m.Allow.Count);
        Assert.Equal(SipMethod.Update, m.Allow[6]);
    }

    [Fact]
    public void Ta612v_invite_with_short_body_is_rejected_and_content_type_compares_case_insensitively()
    {
        var m = RejectedForShortBody("09_ta612v_invite_sdp.sip", 386, 384);
        Assert.True(m.ContentType!.IsSdp);
        Assert.Equal("UNAVAILABLE", m.From.DisplayName);
    }

    [Fact]
    public void Messenger_register_without_branch_reads_event_and_quoted_contact_parameter()
    {
        var m = Parse("10_msrtc_messenger_register.sip");
        m.Validate();
        Assert.Null(m.TopVia.Branch);
        Assert.Equal(15796, m.TopVia.Port);
        Assert.Equal("1bb41c1f89", m.From.Parameters["epid"]);
        Assert.StartsWith("\"INVITE, MESSAGE", Assert.Single(m.Contacts).Parameters["methods"], StringComparison.Ordinal);
        Assert.Equal("registration", m.Event!.Package);
        Assert.Equal(["presence"], m.AllowEvents);
    }
}
