using System.Text;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Headers;

/// <summary>The typed, lazily parsed accessors for every header the SDK names, in long and compact forms.</summary>
public class TypedHeaderTests
{
    private static SipMessage Request(string headers, string method = "NOTIFY") =>
        SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(
            $"{method} sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\nFrom: <sip:a@example.com>;tag=1\r\n" +
            $"To: <sip:bob@example.com>;tag=2\r\nCall-ID: c@h\r\nCSeq: 3 {method}\r\n{headers}Content-Length: 0\r\n\r\n").AsMemory());

    [Fact]
    public void Every_compact_form_maps_to_its_header()
    {
        var pairs = new Dictionary<string, HeaderKind>
        {
            ["v"] = HeaderKind.Via, ["f"] = HeaderKind.From, ["t"] = HeaderKind.To, ["i"] = HeaderKind.CallId, ["m"] = HeaderKind.Contact,
            ["l"] = HeaderKind.ContentLength, ["c"] = HeaderKind.ContentType, ["k"] = HeaderKind.Supported, ["s"] = HeaderKind.Subject,
            ["o"] = HeaderKind.Event, ["r"] = HeaderKind.ReferTo, ["b"] = HeaderKind.ReferredBy, ["x"] = HeaderKind.SessionExpires,
            ["e"] = HeaderKind.ContentEncoding, ["u"] = HeaderKind.AllowEvents,
        };
        foreach (var (name, kind) in pairs)
        {
            Assert.Equal(kind, HeaderNames.Classify(name));
            Assert.Equal(kind, HeaderNames.Classify(name.ToUpperInvariant()));
        }

        Assert.Equal(HeaderKind.Unknown, HeaderNames.Classify("q"));
    }

    [Fact]
    public void Every_long_name_classifies_case_insensitively_and_round_trips_to_its_canonical_spelling()
    {
        foreach (var kind in Enum.GetValues<HeaderKind>().Where(k => k != HeaderKind.Unknown))
        {
            var name = HeaderNames.GetName(kind);
            Assert.Equal(kind, HeaderNames.Classify(name));
            Assert.Equal(kind, HeaderNames.Classify(name.ToLowerInvariant()));
            Assert.Equal(kind, HeaderNames.Classify(name.ToUpperInvariant()));
        }

        Assert.Equal(HeaderKind.Unknown, HeaderNames.Classify("Call-IDs"));
        Assert.Equal(HeaderKind.Unknown, HeaderNames.Classify("X-Via"));
    }

    [Fact]
    public void Event_subscription_state_refer_to_and_referred_by_parse_in_compact_form()
    {
        var m = Request("o: refer;id=93809824\r\nSubscription-State: terminated;reason=noresource;retry-after=30\r\n" +
                        "r: <sip:carol@example.com?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\nb: <sip:alice@example.com>;cid=\"x@y\"\r\n");
        Assert.Equal("refer", m.Event!.Package);
        Assert.Equal("93809824", m.Event.Id);
        Assert.Equal("terminated", m.SubscriptionState!.State);
        Assert.Equal("noresource", m.SubscriptionState.Reason);
        Assert.Equal(30u, m.SubscriptionState.RetryAfter);
        Assert.Equal("abc@h;to-tag=1;from-tag=2", ((SipUri)m.ReferTo!.Uri).Headers["Replaces"]);
        Assert.Equal("\"x@y\"", m.ReferredBy!.Parameters["cid"]);
    }

    [Fact]
    public void Replaces_session_expires_and_reason_parse()
    {
        var m = Request("Replaces: 425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only\r\nx: 1800;refresher=uac\r\n" +
                        "Reason: SIP;cause=200;text=\"Call completed elsewhere\", Q.850;cause=16\r\n", "INVITE");
        Assert.Equal("425928@bobster.example.org", m.Replaces!.CallId);
        Assert.Equal("7743", m.Replaces.ToTag);
        Assert.Equal("6472", m.Replaces.FromTag);
        Assert.True(m.Replaces.EarlyOnly);
        Assert.Equal(1800u, m.SessionExpires!.Seconds);
        Assert.Equal("uac", m.SessionExpires.Refresher);
        Assert.Equal(2, m.Reasons.Count);
        Assert.Equal(("SIP", 200, "Call completed elsewhere"), (m.Reasons[0].Protocol, m.Reasons[0].Cause, m.Reasons[0].Text));
        Assert.Equal(("Q.850", 16), (m.Reasons[1].Protocol, m.Reasons[1].Cause));
    }

    [Fact]
    public void Digest_challenges_and_credentials_unquote_their_parameters()
    {
        var m = Request("WWW-Authenticate: Digest realm=\"atlanta.example.com\", qop=\"auth\",\r\n nonce=\"84a4cc6f3082121f32b42a2187831a9e\", algorithm=SHA-256, stale=FALSE\r\n" +
                        "Proxy-Authenticate: Digest realm=\"p\", nonce=\"n\"\r\nWWW-Authenticate: Digest realm=\"a\\\"b\", nonce=\"2\"\r\n", "REGISTER");
        Assert.Equal(2, m.WwwAuthenticate.Count);
        var c = m.WwwAuthenticate[0];
        Assert.True(c.IsDigest);
        Assert.Equal("atlanta.example.com", c.Get("realm"));
        Assert.Equal("84a4cc6f3082121f32b42a2187831a9e", c.Get("nonce"));
        Assert.Equal("SHA-256", c.Get("algorithm"));
        Assert.Equal("a\"b", m.WwwAuthenticate[1].Get("realm"));
        Assert.Equal("p", Assert.Single(m.ProxyAuthenticate).Get("realm"));
        var reparsed = AuthenticationHeader.Parse(c.ToString());
        Assert.Equal(c.Get("nonce"), reparsed.Get("nonce"));
    }

    [Fact]
    public void Contact_wildcard_expires_and_option_tag_lists()
    {
        var m = Request("Contact: *\r\nExpires: 0\r\nk: 100rel, timer,\r\n replaces\r\nAllow: INVITE, ACK\r\nAllow: BYE\r\nUser-Agent: Foo/1.0 (bar)\r\n", "REGISTER");
        Assert.True(m.IsContactWildcard);
        Assert.Empty(m.Contacts);
        Assert.Equal(0u, m.Expires);
        Assert.Equal(["100rel", "timer", "replaces"], m.Supported);
        Assert.Equal([SipMethod.Invite, SipMethod.Ack, SipMethod.Bye], m.Allow);
        Assert.Equal("Foo/1.0 (bar)", m.UserAgent);
    }

    [Fact]
    public void Via_reads_received_rport_maddr_ttl_and_ipv6_sent_by()
    {
        var v = ViaHeader.Parse("SIP/2.0/udp [2001:db8::9]:5070;branch=z9hG4bKnash;received=2001:db8::9;rport=5071;maddr=224.2.0.1;ttl=16;x=\"q\"");
        Assert.Equal("UDP", v.Transport);
        Assert.Equal("[2001:db8::9]", v.Host);
        Assert.Equal(5070, v.Port);
        Assert.Equal("z9hG4bKnash", v.Branch);
        Assert.True(v.HasRfc3261Branch);
        Assert.Equal("2001:db8::9", v.Received);
        Assert.Equal(5071, v.RPort);
        Assert.Equal("224.2.0.1", v.MAddr);
        Assert.Equal(16, v.Ttl);
        Assert.Equal("SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bKnash;received=2001:db8::9;rport=5071;maddr=224.2.0.1;ttl=16;x=\"q\"", v.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h;ttl=300", "Via ttl must be 0-255")]
    [InlineData("SIP/2.0/UDP h;rport=x", "Via rport must be a port number")]
    [InlineData("SIP/2.0/UDP h;received=example.com", "Via received must be an IP address")]
    [InlineData("SIP/2.0/UDP h:70000", "Via port exceeds 65535")]
    [InlineData("SIP/2.0 h", "expected '/' in Via sent-protocol")]
    [InlineData("SIP/2.0/UDPh", "expected white space before Via sent-by")]
    [InlineData("SIP/2.0/UDP h;branch=\"x\"", "Via branch must be a token")]
    public void Malformed_via_values_fail_with_a_reason(string value, string reason) =>
        Assert.Equal(reason, Assert.Throws<SipParseException>(() => ViaHeader.Parse(value)).Reason);

    [Fact]
    public void Repeated_single_valued_header_is_an_error_on_access()
    {
        var m = Request("Event: a\r\nEvent: b\r\n");
        Assert.Equal("multiple Event headers", Assert.Throws<SipParseException>(() => m.Event).Reason);
    }

    [Fact]
    public void Unknown_headers_are_kept_verbatim_and_in_order()
    {
        var m = Request("X-B: 2\r\nX-A: 1\r\nx-b: 3\r\n");
        var names = m.Headers.Where(h => h.Kind == HeaderKind.Unknown).Select(h => h.Name).ToArray();
        Assert.Equal(["X-B", "X-A", "x-b"], names);
        Assert.Equal(["2", "3"], m.Headers.GetAll("x-B").Select(h => h.Value));
    }
}
