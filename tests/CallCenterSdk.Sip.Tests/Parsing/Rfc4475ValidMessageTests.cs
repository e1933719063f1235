using System.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Parsing;

/// <summary>RFC 4475 §3.1.1 (valid), §3.2, §3.3 and §3.4: messages a parser must accept, with the fields the RFC describes.</summary>
public class Rfc4475ValidMessageTests
{
    private static SipMessage Parse(string name) => SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/" + name + ".sip").AsMemory());

    [Fact]
    public void Wsinv_short_tortuous_invite_parses_folding_odd_whitespace_and_compact_forms()
    {
        var m = (SipRequest)Parse("wsinv");
        m.Validate();
        Assert.Equal(SipMethod.Invite, m.Method);
        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal("vivekg", ruri.User);
        Assert.True(ruri.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", m.To.Tag);
        Assert.Equal("1918181833n", m.ToTag);
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal("98asjd8", m.FromTag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(9u, m.CSeq.Number);
        Assert.Equal(SipMethod.Invite, m.CSeq.Method);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(150, m.Body.Length);
        Assert.Equal(3, m.Vias.Count);
        Assert.Equal("UDP", m.Vias[0].Transport);
        Assert.Equal("192.0.2.2", m.Vias[0].Host);
        Assert.Equal("390skdjuw", m.Vias[0].Branch);
        Assert.Equal("390skdjuw", Encoding.ASCII.GetString(m.TopViaBranchBytes));
        Assert.False(m.Vias[0].HasRfc3261Branch);
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (m.Vias[1].Transport, m.Vias[1].Host, m.Vias[1].Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (m.Vias[2].Transport, m.Vias[2].Host, m.Vias[2].Branch));
        Assert.Equal(string.Empty, m.Subject);
        Assert.Equal("newfangled value continued newfangled value", m.Headers["NewFangledHeader"]);
        Assert.Equal(";;,,;;,;", m.Headers["UnknownHeaderWithUnusualValue"]);
        Assert.True(m.ContentType!.IsSdp);
        var route = Assert.Single(m.Routes);
        Assert.True(((SipUri)route.Uri).IsLooseRouter);
        Assert.Equal("value", ((SipUri)route.Uri).Parameters["unknownwith"]);
        var contact = Assert.Single(m.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters["q"]);
    }

    [Fact]
    public void Intmeth_accepts_every_legal_token_and_word_character()
    {
        var m = (SipRequest)Parse("intmeth");
        m.Validate();
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method.Name);
        Assert.False(m.Method.IsKnown);
        Assert.Equal(m.Method, m.CSeq.Method);
        Assert.Equal(139122385u, m.CSeq.Number);
        var ruri = Assert.IsType<SipUri>(m.RequestUri);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ruri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", ruri.Password);
        Assert.Equal("example.com", ruri.Host);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", m.TopVia.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", m.To.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", m.FromTag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal(255, m.MaxForwards);
        Assert.Equal("\uFEFF\u5927\u505C\u96FB", m.Headers["extensionHeader-!.%*+_`'~"]);
    }

    [Fact]
    public void Esc01_unescapes_uri_parts_once_and_never_recursively()
    {
        var m = (SipRequest)Parse("esc01");
        m.Validate();
        var ruri = (SipUri)m.RequestUri;
        Assert.Equal("sips:user@example.com", ruri.User);
        Assert.Equal("example.net", ruri.Host);
        Assert.Equal("user", ((SipUri)m.To.Uri).User);
        Assert.Equal("I have spaces", ((SipUri)m.From.Uri).User);
        var contact = (SipUri)Assert.Single(m.Contacts).Uri;
        Assert.Equal("caller", contact.User);
        Assert.True(contact.Parameters.Contains("lr"));
        Assert.Equal("value%41", contact.Parameters["name"]);
        Assert.Equal(SipUri.Parse("sip:caller@host5.example.net;lr;name=value%2541"), contact);
    }

    [Fact]
    public void Escnull_keeps_escaped_nulls_so_two_contacts_stay_distinct()
    {
        var m = Parse("escnull");
        m.Validate();
        Assert.Equal("null-\0-null", ((SipUri)m.To.Uri).User);
        Assert.Equal(2, m.Contacts.Count);
        Assert.Equal("\0", ((SipUri)m.Contacts[0].Uri).User);
        Assert.Equal("\0\0", ((SipUri)m.Contacts[1].Uri).User);
        Assert.NotEqual(m.Contacts[0].Uri, m.Contacts[1].Uri);
    }

    [Fact]
    public void Esc02_percent_outside_uris_is_not_an_escape()
    {
        var m = (SipRequest)Parse("esc02");
        m.Validate();
        Assert.Equal("RE%47IST%45R", m.Method.Name);
        Assert.NotEqual(SipMethod.Register, m.Method);
        Assert.Equal("%Z%45", m.To.DisplayName);
        Assert.Equal(2, m.Contacts.Count);
        Assert.Equal("<sip:alias2@host2.example.com>", m.Headers["C%6Fntact"]);
        Assert.Equal("z9hG4bK209%fzsnel234", m.TopVia.Branch);
    }

    [Fact]
    public void Lwsdisp_accepts_display_name_token_directly_before_angle_bracket()
    {
        var m = Parse("lwsdisp");
        Assert.Equal("caller", m.From.DisplayName);
        Assert.Equal("323", m.FromTag);
    }

    [Fact]
    public void Longreq_accepts_long_values_and_many_headers()
    {
        var m = Parse("longreq");
        m.Validate();
        Assert.True(m.Headers.Count > 24, "longreq should overflow the inline header table");
        Assert.True(m.To.DisplayName!.Length > 50);
        Assert.Null(m.From.DisplayName);
        Assert.True(m.FromTag!.Length > 100);
        Assert.True(m.CallId.Length > 100);
        Assert.Equal(34, m.Vias.Count);
        Assert.Equal("sip33.example.com", m.TopVia.Host);
        Assert.Null(m.TopVia.Branch);
        Assert.StartsWith("verylonglong", m.Vias[33].Branch, StringComparison.Ordinal);
        Assert.Equal("192.0.2.5", m.Vias[33].Received);
        Assert.Equal(m.Body.Length, m.ContentLength);
    }

    [Fact]
    public void Dblreq_frames_by_content_length_and_ignores_trailing_octets_of_the_datagram()
    {
        var bytes = SipCorpus.Read("rfc4475/dblreq.sip");
        var m = (SipRequest)SipMessageParser.ParseDatagram(bytes.AsMemory());
        Assert.Equal(SipMethod.Register, m.Method);
        Assert.Equal(0, m.Body.Length);
        Assert.True(m.Bytes.Length < bytes.Length);
        Assert.DoesNotContain("INVITE", Encoding.ASCII.GetString(m.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Semiuri_user_part_may_contain_semicolons()
    {
        var m = (SipRequest)Parse("semiuri");
        m.Validate();
        var ruri = (SipUri)m.RequestUri;
        Assert.Equal("user;par=u@example.net", ruri.User);
        Assert.Equal("example.com", ruri.Host);
        Assert.Empty(ruri.Parameters);
        Assert.Contains("message/sipfrag", m.Headers["Accept"], StringComparison.Ordinal);
    }

    [Fact]
    public void Transports_accepts_known_and_unknown_via_transports()
    {
        var m = Parse("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport));
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", m.CallId);
    }

    [Fact]
    public void Mpart01_keeps_binary_multipart_body_framed_by_content_length()
    {
        var m = Parse("mpart01");
        m.Validate();
        Assert.Equal(m.ContentLength, m.Body.Length);
        Assert.Equal("multipart", m.ContentType!.Type);
        Assert.NotNull(m.ContentType.Boundary);
        Assert.Contains((byte)0, m.Body.ToArray());
        var raw = SipCorpus.Read("rfc4475/mpart01.sip");
        Assert.True(raw.AsSpan().EndsWith(m.Body.Span));
    }

    [Fact]
    public void Unreason_accepts_utf8_reason_phrase()
    {
        var m = (SipResponse)Parse("unreason");
        Assert.Equal(200, m.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2 \u043d\u043e", m.ReasonPhrase, StringComparison.Ordinal);
        Assert.Equal(154, m.Body.Length);
    }

    [Fact]
    public void Noreason_accepts_empty_reason_phrase()
    {
        var m = (SipResponse)Parse("noreason");
        Assert.Equal(100, m.StatusCode);
        Assert.Equal(string.Empty, m.ReasonPhrase);
        Assert.Equal("902jndnke3", m.ToTag);
    }

    [Fact]
    public void Badbranch_magic_cookie_without_id_parses_but_is_not_an_rfc3261_branch()
    {
        var m = Parse("badbranch");
        Assert.Equal("z9hG4bK", m.TopVia.Branch);
        Assert.False(m.TopVia.HasRfc3261Branch);
    }

    [Fact]
    public void Unkscm_and_novelsc_keep_unknown_request_uri_schemes_opaque()
    {
        var a = Assert.IsType<AbsoluteUri>(((SipRequest)Parse("unkscm")).RequestUri);
        Assert.Equal("nobodyknowsthisscheme", a.Scheme);
        Assert.Equal("totallyopaquecontent", a.SchemeSpecificPart);
        var b = Assert.IsType<AbsoluteUri>(((SipRequest)Parse("novelsc")).RequestUri);
        Assert.Equal("soap.beep", b.Scheme);
        Assert.Equal("//192.0.2.103:3002", b.SchemeSpecificPart);
    }

    [Fact]
    public void Unksm2_accepts_unknown_schemes_in_to_from_and_contact()
    {
        var m = Parse("unksm2");
        m.Validate();
        Assert.Equal("isbn:2983792873", m.To.Uri.ToString());
        Assert.Equal("http", m.From.Uri.Scheme);
        Assert.Equal("3234233", m.FromTag);
        Assert.Equal("name:John_Smith", Assert.Single(m.Contacts).Uri.ToString());
    }

    [Fact]
    public void Bext01_lists_require_and_proxy_require_option_tags()
    {
        var m = Parse("bext01");
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], m.Require);
        Assert.Equal(["noProxiesSupportThis", "norDoAnyProxiesSupportThis"], m.ProxyRequire);
    }

    [Fact]
    public void Invut_accepts_unknown_content_type()
    {
        var m = Parse("invut");
        Assert.Equal("application", m.ContentType!.Type);
        Assert.Equal("unknownformat", m.ContentType.Subtype);
        Assert.False(m.ContentType.IsSdp);
    }

    [Fact]
    public void Regaut01_parses_unknown_authorization_scheme()
    {
        var m = Parse("regaut01");
        var auth = Assert.Single(m.Authorization);
        Assert.Equal("NoOneKnowsThisScheme", auth.Scheme);
        Assert.False(auth.IsDigest);
        Assert.Equal("here", auth.Get("opaque-data"));
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Bcast_and_zeromf_parse_as_legal_messages()
    {
        var b = (SipResponse)Parse("bcast");
        Assert.Contains(b.Vias, v => v.Host == "255.255.255.255");
        var z = Parse("zeromf");
        Assert.Equal(0, z.MaxForwards);
    }

    [Fact]
    public void Cparam01_contact_param_outside_brackets_belongs_to_the_header_not_the_uri()
    {
        var c = Assert.Single(Parse("cparam01").Contacts);
        Assert.True(c.Parameters.Contains("unknownparam"));
        Assert.Empty(((SipUri)c.Uri).Parameters);
        Assert.Equal("+19725552222", ((SipUri)c.Uri).User);
    }

    [Fact]
    public void Cparam02_param_inside_brackets_belongs_to_the_uri()
    {
        var c = Assert.Single(Parse("cparam02").Contacts);
        Assert.Empty(c.Parameters);
        Assert.True(((SipUri)c.Uri).Parameters.Contains("unknownparam"));
    }

    [Fact]
    public void Regescrt_keeps_escaped_route_header_in_contact_uri()
    {
        var m = Parse("regescrt");
        var uri = (SipUri)Assert.Single(m.Contacts).Uri;
        Assert.Equal("<sip:sip.example.com>", uri.Headers["Route"]);
        Assert.Equal("sip:user@example.com?Route=%3Csip:sip.example.com%3E", uri.ToString());
    }

    [Fact]
    public void Sdp01_parses_accept_without_sdp()
    {
        var m = Parse("sdp01");
        Assert.DoesNotContain("application/sdp", m.Headers["Accept"], StringComparison.Ordinal);
        Assert.True(m.ContentType!.IsSdp);
    }

    [Fact]
    public void Inv2543_accepts_rfc2543_request_without_branch_from_tag_content_length_or_max_forwards()
    {
        var m = (SipRequest)Parse("inv2543");
        m.Validate();
        Assert.Null(m.TopVia.Branch);
        Assert.True(m.TopViaBranchBytes.IsEmpty);
        Assert.Null(m.FromTag);
        Assert.Null(m.ContentLength);
        Assert.Null(m.MaxForwards);
        Assert.True(m.Body.Length > 0);
        Assert.Equal("phone", m.To.Parameters["user"]);
        Assert.Empty(((SipUri)m.To.Uri).Parameters);
        Assert.Equal("phone", ((SipUri)m.From.Uri).Parameters["user"]);
        Assert.Equal("ss1.example.com", ((SipUri)Assert.Single(m.RecordRoutes).Uri).Parameters["maddr"]);
    }

    [Theory]
    [InlineData("wsinv")]
    [InlineData("intmeth")]
    [InlineData("esc01")]
    [InlineData("escnull")]
    [InlineData("esc02")]
    [InlineData("lwsdisp")]
    [InlineData("longreq")]
    [InlineData("dblreq")]
    [InlineData("semiuri")]
    [InlineData("transports")]
    [InlineData("mpart01")]
    [InlineData("unreason")]
    [InlineData("noreason")]
    [InlineData("badbranch")]
    [InlineData("unkscm")]
    [InlineData("novelsc")]
    [InlineData("unksm2")]
    [InlineData("bext01")]
    [InlineData("invut")]
    [InlineData("regaut01")]
    [InlineData("bcast")]
    [InlineData("zeromf")]
    [InlineData("cparam01")]
    [InlineData("cparam02")]
    [InlineData("regescrt")]
    [InlineData("sdp01")]
    [InlineData("inv2543")]
    public void Every_valid_message_validates_and_survives_serialize_then_parse(string name)
    {
        var m = Parse(name);
        m.Validate();
        var again = SipMessageParser.ParseDatagram(m.ToArray().AsMemory());
        again.Validate();
        MessageAssert.SemanticallyEqual(m, again);
    }

    [Fact]
    public void Every_manifest_valid_message_parses_except_the_three_the_rfc_says_to_answer_400()
    {
        // §3.3.1 insuf, §3.3.8 multi01 and §3.3.9 mcl01 are syntactically valid but must get 400/error responses.
        string[] answeredWith400 = ["insuf.sip", "multi01.sip", "mcl01.sip"];
        var valid = SipCorpus.Rfc4475Manifest().Where(r => r.Class == "valid").Select(r => r.File).ToList();
        Assert.Equal(30, valid.Count);
        foreach (var file in valid)
        {
            var bytes = SipCorpus.Read("rfc4475/" + file);
            if (answeredWith400.Contains(file))
            {
                Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(bytes.AsMemory()));
            }
            else
            {
                SipMessageParser.ParseDatagram(bytes.AsMemory()).Validate();
            }
        }
    }
}
