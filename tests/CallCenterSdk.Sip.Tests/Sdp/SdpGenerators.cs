using CallCenterSdk.Sip.Sdp;
using FsCheck;
using FsCheck.Fluent;

namespace CallCenterSdk.Sip.Tests.Sdp;

/// <summary>FsCheck generators of valid session descriptions, covering every line type.</summary>
internal static class SdpGenerators
{
    private static readonly Gen<string> Token =
        Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefxyzABCXYZ0123456789-._+!*~".ToCharArray()), n))
            .Select(chars => new string(chars));

    private static readonly Gen<string> Text = Gen.OneOf(
        Token,
        Gen.Elements("-", "Call from reception", "Ünïcode séssion ☎", "a b  c", "x:y=z;w", " leading space", "trailing space "));

    private static readonly Gen<string> Digits = Gen.Choose(1, 19).SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), n))
        .Select(d => new string(d));

    private static readonly Gen<ulong> UInt64 = Gen.Choose(0, int.MaxValue).SelectMany(hi => Gen.Choose(0, int.MaxValue).Select(lo => ((ulong)(uint)hi << 32) | (uint)lo));

    private static readonly Gen<(string Type, string Address)> Address = Gen.OneOf(
        Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(o => ("IP4", string.Join('.', o))),
        Gen.Elements(("IP6", "2001:db8::1"), ("IP6", "::"), ("IP6", "FF1E:03AD::7F2E:172A:1E24"), ("IP4", "pbx.example.com"), ("IP4", "0.0.0.0")));

    private static readonly Gen<SdpConnection> Connection =
        from a in Address
        from ttl in Gen.Elements<int?>(null, null, 0, 127, 255)
        from count in Gen.Elements<int?>(null, null, 1, 3)
        select a.Type == "IP6"
            ? new SdpConnection("IN", a.Type, a.Address, null, count)
            : new SdpConnection("IN", a.Type, a.Address, ttl, ttl is null ? null : count);

    private static readonly Gen<SdpBandwidth> Bandwidth =
        from type in Gen.Elements("AS", "CT", "TIAS", "X-custom")
        from value in UInt64
        select new SdpBandwidth(type, value);

    private static readonly Gen<SdpAttribute> Attribute = Gen.OneOf(
        Gen.Elements(new SdpAttribute("sendrecv"), new SdpAttribute("sendonly"), new SdpAttribute("recvonly"), new SdpAttribute("inactive"), new SdpAttribute("rtcp-mux"), new SdpAttribute("end-of-candidates")),
        from pt in Gen.Choose(0, 127)
        from name in Gen.Elements("PCMU", "opus", "telephone-event", "X-Codec")
        from rate in Gen.Elements(8000, 16000, 48000, 90000)
        from channels in Gen.Elements<string?>(null, "2")
        select new SdpAttribute("rtpmap", channels is null ? $"{pt} {name}/{rate}" : $"{pt} {name}/{rate}/{channels}"),
        from pt in Gen.Choose(0, 127)
        from p in Gen.Elements("0-16", "minptime=10;useinbandfec=1", "annexb=no")
        select new SdpAttribute("fmtp", $"{pt} {p}"),
        Gen.Choose(1, 200).Select(ms => new SdpAttribute("ptime", ms.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        Gen.Choose(0, 65535).Select(port => new SdpAttribute("rtcp", port.ToString(System.Globalization.CultureInfo.InvariantCulture) + " IN IP4 192.0.2.7")),
        UInt64.Select(v => new SdpAttribute("ssrc", (uint)v + " cname:" + v)),
        Token.Select(t => new SdpAttribute("mid", t)),
        Gen.Choose(0, 65535).Select(port => new SdpAttribute("candidate", $"1 1 udp 2122260223 192.0.2.9 {port} typ host generation 0")),
        Gen.Constant(new SdpAttribute("crypto", "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32")),
        from name in Token
        from value in Gen.OneOf(Text.Select(t => (string?)t), Gen.Constant((string?)null), Gen.Constant((string?)string.Empty))
        select new SdpAttribute("x-" + name, value));

    private static readonly Gen<MediaDescription> Media =
        from type in Gen.Elements("audio", "video", "image", "application", "text")
        from port in Gen.Choose(0, 65535)
        from portCount in Gen.Elements<int?>(null, null, 2)
        from proto in Gen.Elements("RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", "udptl", "UDP/DTLS/SCTP")
        from formats in Gen.NonEmptyListOf(Gen.OneOf(Gen.Choose(0, 127).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Token))
        from info in Gen.Elements<string?>(null, "voice channel")
        from connections in Gen.ListOf(Connection)
        from bandwidths in Gen.ListOf(Bandwidth)
        from key in Gen.Elements<string?>(null, "prompt")
        from attributes in Gen.ListOf(Attribute)
        select Build(type, port, portCount, proto, formats, info, connections, bandwidths, key, attributes);

    public static Gen<SessionDescription> Description { get; } =
        from user in Gen.OneOf(Gen.Constant("-"), Token)
        from id in Digits
        from version in UInt64
        from origin in Address
        from name in Text
        from info in Gen.Elements<string?>(null, "Seminar", "Ünïcode")
        from uri in Gen.Elements<string?>(null, "http://www.example.com/seminars/sdp.pdf")
        from emails in Gen.ListOf(Gen.Elements("j.doe@example.com (Jane Doe)", "Jane Doe <j.doe@example.com>"))
        from phones in Gen.ListOf(Gen.Elements("+1 617 555-6011", "+44-171-380-7777"))
        from connection in Gen.OneOf(Connection.Select(c => (SdpConnection?)c), Gen.Constant((SdpConnection?)null))
        from bandwidths in Gen.ListOf(Bandwidth)
        from timings in Gen.NonEmptyListOf(from s in UInt64 from e in UInt64 from r in Gen.ListOf(Gen.Elements("7d 1h 0 25h", "604800 3600 0 90000")) select (s, e, r))
        from zones in Gen.Elements<string?>(null, "2882844526 -1h 2898848070 0")
        from key in Gen.Elements<string?>(null, "clear:secret", "prompt")
        from attributes in Gen.ListOf(Attribute)
        from media in Gen.ListOf(Media)
        select Build(new SdpOrigin(user, id, version, "IN", origin.Type, origin.Address), name, info, uri, emails, phones, connection, bandwidths, timings, zones, key, attributes, media);

    private static MediaDescription Build(string type, int port, int? portCount, string proto, IEnumerable<string> formats, string? info, IEnumerable<SdpConnection> connections, IEnumerable<SdpBandwidth> bandwidths, string? key, IEnumerable<SdpAttribute> attributes)
    {
        var media = new MediaDescription(type, port, proto, formats) { PortCount = portCount, Information = info, EncryptionKey = key };
        foreach (var c in connections)
        {
            media.Connections.Add(c);
        }

        foreach (var b in bandwidths)
        {
            media.Bandwidths.Add(b);
        }

        foreach (var a in attributes)
        {
            media.Attributes.Add(a);
        }

        return media;
    }

    private static SessionDescription Build(SdpOrigin origin, string name, string? info, string? uri, IEnumerable<string> emails, IEnumerable<string> phones, SdpConnection? connection, IEnumerable<SdpBandwidth> bandwidths, IEnumerable<(ulong, ulong, List<string>)> timings, string? zones, string? key, IEnumerable<SdpAttribute> attributes, IEnumerable<MediaDescription> media)
    {
        var sdp = new SessionDescription(origin) { SessionName = name, Information = info, Uri = uri, Connection = connection, TimeZones = zones, EncryptionKey = key };
        foreach (var e in emails)
        {
            sdp.Emails.Add(e);
        }

        foreach (var p in phones)
        {
            sdp.Phones.Add(p);
        }

        foreach (var b in bandwidths)
        {
            sdp.Bandwidths.Add(b);
        }

        foreach (var (start, stop, repeats) in timings)
        {
            var t = new SdpTiming(start, stop);
            foreach (var r in repeats)
            {
                t.Repeats.Add(r);
            }

            sdp.Timings.Add(t);
        }

        foreach (var a in attributes)
        {
            sdp.Attributes.Add(a);
        }

        foreach (var m in media)
        {
            sdp.Media.Add(m);
        }

        return sdp;
    }
}
