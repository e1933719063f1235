using CallCenterSdk.Sip.Authentication;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Authentication;

public class DigestHeaderTests
{
    [Fact]
    public void Parses_the_rfc_3261_example_credentials()
    {
        // RFC 3261 §22.4 style value with LWS and the 2617 form of qop/nc/cnonce.
        var c = DigestCredentials.Parse(
            "Digest username=\"bob\", realm=\"biloxi.com\",\r\n nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", " +
            "qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        Assert.Equal("bob", c.Username);
        Assert.Equal("biloxi.com", c.Realm);
        Assert.Equal(1u, c.NonceCount);
        Assert.Equal("0a4f113b", c.ClientNonce);
        Assert.Equal(DigestAlgorithm.Md5, c.Algorithm);
    }

    [Theory]
    [InlineData("", "missing authentication scheme")]
    [InlineData("Basic realm=\"x\"", "not Digest")]
    [InlineData("Digest realm=\"x", "unterminated")]
    [InlineData("Digest realm=\"x\" nonce=\"y\"", "expected ','")]
    [InlineData("Digest realm=\"x\", realm=\"y\", nonce=\"z\"", "appears twice")]
    [InlineData("Digest nonce=\"y\"", "realm and nonce are required")]
    [InlineData("Digest realm=\"x\", nonce=\"y\", algorithm=SHA-1", "unsupported algorithm")]
    [InlineData("Digest realm=, nonce=\"y\"", "empty value")]
    public void Malformed_challenges_are_rejected_with_a_reason(string value, string reason)
    {
        Assert.False(DigestChallenge.TryParse(value, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => DigestChallenge.Parse(value));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"00\", qop=auth, cnonce=\"c\"", "nc as 8 hex digits")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"00\", qop=auth, nc=1, cnonce=\"c\"", "nc as 8 hex digits")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"00\", qop=auth, nc=00000001", "cnonce")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", response=\"00\"", "'uri' is required")]
    public void Malformed_credentials_are_rejected_with_a_reason(string value, string reason)
    {
        Assert.False(DigestCredentials.TryParse(value, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Challenge_round_trips_through_its_header_text()
    {
        var text = Gen.Elements("tenant-a", "x \"quoted\" y", "back\\slash", "ünïcode", "a,b=c")
            .Select(s => s);
        var gen = from realm in text
                  from nonce in Gen.Elements("abc", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "n-1_2")
                  from algorithm in Gen.Elements(DigestAlgorithm.All.ToArray())
                  from stale in Gen.Elements(true, false)
                  from opaque in Gen.Elements<string?>(null, "op", "x\"y")
                  select new DigestChallenge { Realm = realm, Nonce = nonce, Algorithm = algorithm, Stale = stale, Opaque = opaque, QopOptions = ["auth"] };
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var parsed = DigestChallenge.Parse(c.ToString());
            return parsed.Realm == c.Realm && parsed.Nonce == c.Nonce && parsed.Algorithm == c.Algorithm &&
                   parsed.Stale == c.Stale && parsed.Opaque == c.Opaque && parsed.QopOptions.SequenceEqual(c.QopOptions);
        });
    }

    [Property(MaxTest = 500)]
    public bool Arbitrary_text_never_throws_anything_but_a_result(string? value)
    {
        var text = value ?? string.Empty;
        var a = DigestChallenge.TryParse(text, out _, out var e1);
        var b = DigestCredentials.TryParse(text, out _, out var e2);
        return (a || e1 is not null) && (b || e2 is not null);
    }
}
