using System.Buffers;
using System.Text;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Tests.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Sip.Tests.Serialization;

public class SipMessageWriterTests
{
    [Fact]
    public void Parsed_message_is_written_canonically_with_long_names_unfolded_values_and_true_length()
    {
        var m = SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/wsinv.sip").AsMemory());
        var text = Encoding.UTF8.GetString(m.ToArray());
        Assert.Contains("\r\nTo: sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nVia: SIP  /   2.0 /UDP 192.0.2.2;branch=390skdjuw\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nSubject: \r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContact: \"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam = newvalue ; secondparam ; q = 0.33\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nNewFangledHeader: newfangled value continued newfangled value\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 150\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n ", text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_content_length_is_added_and_datagram_trailing_octets_dropped()
    {
        var m = SipMessageParser.ParseDatagram(SipCorpus.Read("sip-realworld/07_xlite_register_unbind.sip").AsMemory());
        Assert.EndsWith("Content-Length: 0\r\n\r\n", Encoding.ASCII.GetString(m.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_into_a_pooled_writer_twice_gives_identical_bytes()
    {
        var m = SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/mpart01.sip").AsMemory());
        var a = new ArrayBufferWriter<byte>();
        var b = new ArrayBufferWriter<byte>();
        m.WriteTo(a);
        m.WriteTo(b);
        Assert.True(a.WrittenSpan.SequenceEqual(b.WrittenSpan));
        Assert.True(a.WrittenSpan.EndsWith(m.Body.Span));
    }

    private static readonly Gen<string> Token =
        from n in Gen.Choose(1, 10)
        from cs in Gen.ArrayOf(Gen.Elements([.. "abcXYZ09-.!%*_+`'~"]), n)
        select new string(cs);

    private static readonly Gen<string> Value =
        from n in Gen.Choose(0, 30)
        from cs in Gen.ArrayOf(Gen.Elements([.. "abc XYZ 09;=,<>:\"@/\t\u00e9"]), n)
        select System.Text.RegularExpressions.Regex.Replace(new string(cs), "[ \t]+", " ").Trim();

    private static readonly Gen<(string Name, string Value, bool Fold)[]> ExtraHeaders =
        from n in Gen.Choose(0, 30)
        from names in Gen.ArrayOf(Token, n)
        from values in Gen.ArrayOf(Value, n)
        from folds in Gen.ArrayOf(Gen.Elements(true, false), n)
        select names.Select((name, i) => ("X-" + name, values[i], folds[i])).ToArray();

    [Property(MaxTest = 300)]
    public Property Generated_messages_round_trip_through_serialize_and_parse() =>
        Prop.ForAll(ExtraHeaders.ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (extra, body, compact) =>
        {
            var sb = new StringBuilder();
            sb.Append("MESSAGE sip:bob@example.com SIP/2.0\r\n");
            sb.Append(compact ? "v: " : "Via: ").Append("SIP/2.0/TCP a.example.com;branch=z9hG4bKabc\r\n");
            sb.Append(compact ? "f: " : "From: ").Append("<sip:a@example.com>;tag=x1\r\n");
            sb.Append(compact ? "t: " : "To: ").Append("<sip:bob@example.com>\r\n");
            sb.Append(compact ? "i: " : "Call-ID: ").Append("id1\r\n");
            sb.Append("CSeq: 7 MESSAGE\r\n");
            foreach (var (name, value, fold) in extra)
            {
                var v = fold && value.Contains(' ', StringComparison.Ordinal) ? value.Replace(" ", "\r\n ", StringComparison.Ordinal) : value;
                sb.Append(name).Append(": ").Append(v).Append("\r\n");
            }

            sb.Append(compact ? "l: " : "Content-Length: ").Append(body.Length).Append("\r\n\r\n");
            var bytes = Encoding.UTF8.GetBytes(sb.ToString()).Concat(body).ToArray();
            var parsed = SipMessageParser.ParseDatagram(bytes.AsMemory());
            var written = parsed.ToArray();
            var again = SipMessageParser.ParseDatagram(written.AsMemory());
            MessageAssert.SemanticallyEqual(parsed, again);
            Assert.Equal(extra.Length + 6, again.Headers.Count);
            Assert.Equal(written, again.ToArray());
            foreach (var (name, value, _) in extra)
            {
                Assert.Contains(again.Headers.GetAll(name), h => h.Value == value);
            }
        });
}
