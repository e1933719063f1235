using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Uris;

/// <summary>RFC 3261 §19.1.4: the equal and unequal URI pairs the RFC itself lists, and §19.1 parsing.</summary>
public class SipUriComparisonTests
{
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanta.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    [InlineData("tel:+1-201-555-0123", "tel:+1.201.555.0123")]
    [InlineData("tel:7042;phone-context=example.com", "tel:7042;PHONE-CONTEXT=Example.com")]
    public void Rfc_equivalent_uris_compare_equal(string a, string b)
    {
        var x = AddressUri.Parse(a);
        var y = AddressUri.Parse(b);
        Assert.Equal(x, y);
        Assert.True(x == y);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    [Theory]
    [InlineData("SIP:ALICE@AtLanta.CoM;Transport=udp", "sip:alice@AtLanta.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    [InlineData("sip:alice@atlanta.com;maddr=10.0.0.1", "sip:alice@atlanta.com")]
    [InlineData("sip:alice:secret@atlanta.com", "sip:alice@atlanta.com")]
    [InlineData("tel:+1-201-555-0123", "tel:+1-201-555-0124")]
    [InlineData("sip:alice@atlanta.com", "tel:+1-201-555-0123")]
    public void Rfc_different_uris_compare_unequal(string a, string b) =>
        Assert.NotEqual(AddressUri.Parse(a), AddressUri.Parse(b));

    [Fact]
    public void Sip_uri_exposes_every_component()
    {
        var u = SipUri.Parse("sips:alice:pw@[2001:db8::1]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=hi%20there&priority=urgent");
        Assert.Equal(SipUriScheme.Sips, u.UriScheme);
        Assert.Equal("alice", u.User);
        Assert.Equal("pw", u.Password);
        Assert.Equal("[2001:db8::1]", u.Host);
        Assert.Equal(5061, u.Port);
        Assert.Equal("tcp", u.Transport);
        Assert.True(u.IsLooseRouter);
        Assert.Equal("239.255.255.1", u.Parameters["maddr"]);
        Assert.Equal("hi there", u.Headers["subject"]);
        Assert.Equal("urgent", u.Headers["priority"]);
    }

    [Fact]
    public void Tel_uri_reads_global_and_local_numbers()
    {
        var g = Assert.IsType<TelUri>(AddressUri.Parse("tel:+1-201-555-0123;ext=42"));
        Assert.True(g.IsGlobal);
        Assert.Equal("+12015550123", g.Digits);
        Assert.Equal("42", g.Parameters["ext"]);
        var l = Assert.IsType<TelUri>(AddressUri.Parse("tel:7042;phone-context=example.com"));
        Assert.False(l.IsGlobal);
        Assert.Equal("example.com", l.Parameters["phone-context"]);
    }

    [Fact]
    public void Escaping_on_output_round_trips_reserved_and_non_ascii_characters()
    {
        var u = new SipUri(SipUriScheme.Sip, "a b@c:d\u00e9", "example.com", 5060, new CallCenterSdk.Sip.Headers.SipParameters([new("x y", "1;2")]));
        var text = u.ToString();
        Assert.Equal("sip:a%20b%40c%3Ad%C3%A9@example.com:5060;x%20y=1%3B2", text);
        Assert.Equal(u, SipUri.Parse(text));
    }

    [Theory]
    [InlineData("sip:", "missing host in URI")]
    [InlineData("sip:@example.com", "empty user part in URI")]
    [InlineData("sip:alice@example.com:99999", "invalid port in URI")]
    [InlineData("sip:alice@exa mple.com", "white space in URI")]
    [InlineData("sip:al%4xce@example.com", "invalid %-escape in user part of URI")]
    [InlineData("sip:alice@[2001:db8::1", "malformed IPv6 reference in URI")]
    [InlineData("sip:alice@example.com;=x", "empty URI parameter name")]
    [InlineData("sip:alice@example.com?novalue", "URI header without '='")]
    [InlineData("alice@example.com", "URI scheme not followed by ':'")]
    [InlineData("tel:", "missing number in tel URI")]
    [InlineData("tel:+", "missing number in tel URI")]
    [InlineData("http:", "empty URI after scheme")]
    [InlineData("1sip:alice@example.com", "URI does not start with a scheme")]
    public void Malformed_uris_fail_with_the_reason_and_offset(string text, string reason)
    {
        var e = Assert.Throws<SipParseException>(() => AddressUri.Parse(text));
        Assert.Equal(reason, e.Reason);
        Assert.InRange(e.Offset, 0, text.Length);
    }
}
