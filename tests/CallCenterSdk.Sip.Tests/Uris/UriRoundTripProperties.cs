using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Uris;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Uris;

/// <summary>Generated URIs print, parse back equal, and print the same again.</summary>
public class UriRoundTripProperties
{
    private static readonly char[] TextChars = [.. "abcXYZ019-_.!~*'()&=+$,;?/:@%# \"<>[]\u00e9\u4e2d\0\t"];

    private static Gen<string> Text(int min) =>
        from n in Gen.Choose(min, 12)
        from cs in Gen.ArrayOf(Gen.Elements(TextChars), n)
        select new string(cs);

    private static readonly Gen<string> Label =
        from n in Gen.Choose(1, 8)
        from cs in Gen.ArrayOf(Gen.Elements([.. "abcdefghijklmnopqrstuvwxyz0123456789"]), n)
        select new string(cs);

    private static readonly Gen<string> Host = Gen.OneOf(
        from labels in Gen.ArrayOf(Label, 2)
        select string.Join('.', labels),
        from a in Gen.Choose(0, 255)
        from b in Gen.Choose(0, 255)
        select $"192.{a}.{b}.1",
        Gen.Constant("[2001:db8::1]"));

    private static readonly Gen<SipParameters> Parameters =
        from n in Gen.Choose(0, 3)
        from names in Gen.ArrayOf(Text(1), n)
        from values in Gen.ArrayOf(Gen.OneOf(Text(1).Select(s => (string?)s), Gen.Constant<string?>(null)), n)
        select new SipParameters(names.Distinct(StringComparer.OrdinalIgnoreCase).Select((name, i) => new SipParameter(name, values[i])));

    private static readonly Gen<SipParameters> UriHeaders =
        from n in Gen.Choose(0, 2)
        from names in Gen.ArrayOf(Text(1), n)
        from values in Gen.ArrayOf(Text(0), n)
        select new SipParameters(names.Distinct(StringComparer.OrdinalIgnoreCase).Select((name, i) => new SipParameter(name, values[i])));

    private static readonly Gen<SipUri> Uris =
        from secure in Gen.Elements(true, false)
        from user in Gen.OneOf(Text(1).Select(s => (string?)s), Gen.Constant<string?>(null))
        from password in Gen.OneOf(Text(0).Select(s => (string?)s), Gen.Constant<string?>(null))
        from host in Host
        from port in Gen.OneOf(Gen.Choose(0, 65535).Select(p => (int?)p), Gen.Constant<int?>(null))
        from parameters in Parameters
        from headers in UriHeaders
        select new SipUri(secure ? SipUriScheme.Sips : SipUriScheme.Sip, user, host, port, parameters, headers, user is null ? null : password);

    [Property(MaxTest = 500)]
    public Property Sip_uri_round_trips_through_its_text_form() =>
        Prop.ForAll(Uris.ToArbitrary(), uri =>
        {
            var text = uri.ToString();
            var parsed = Assert.IsType<SipUri>(AddressUri.Parse(text));
            Assert.Equal(uri, parsed);
            Assert.Equal(uri.User, parsed.User);
            Assert.Equal(uri.Password, parsed.Password);
            Assert.Equal(uri.Parameters.ToArray(), parsed.Parameters.ToArray());
            Assert.Equal(uri.Headers.ToArray(), parsed.Headers.ToArray());
            Assert.Equal(text, parsed.ToString());
        });

    [Property(MaxTest = 300)]
    public Property Name_address_round_trips_with_display_name_and_parameters() =>
        Prop.ForAll(Uris.ToArbitrary(), Text(0).ToArbitrary(), (uri, display) =>
        {
            var tagged = new NameAddress(uri, display.Length == 0 ? null : display, new SipParameters([new("tag", "abc123"), new("q", "0.5")]));
            var parsed = NameAddress.Parse(tagged.ToString());
            Assert.Equal(tagged.DisplayName, parsed.DisplayName);
            Assert.Equal(tagged.Uri, parsed.Uri);
            Assert.Equal("abc123", parsed.Tag);
            Assert.Equal(tagged.ToString(), parsed.ToString());
        });
}
