using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Transactions;

namespace CallCenterSdk.Sip.Tests.Transactions;

/// <summary>
/// What transactions put on the wire: always the canonical form <see cref="SipMessage.ToArray"/> writes, taken from the
/// message's own buffer only when that buffer already is that form; and the 100 Trying written from the request's bytes
/// is the response the builder makes.
/// </summary>
public class WireBytesTests
{
    private const string Invite =
        "INVITE sip:bob@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK-top;rport\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-second, SIP/2.0/TCP 10.0.0.3;branch=z9hG4bK-third\r\n" +
        "Record-Route: <sip:proxy.example;lr>\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=a1\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "Call-ID: wire-1@10.0.0.1\r\n" +
        "CSeq: 7 INVITE\r\n" +
        "Timestamp: 54.2 0.1\r\n" +
        "Contact: <sip:alice@10.0.0.1:5070>\r\n" +
        "Subject: Performance Test\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n\r\nv=0\n";

    public static TheoryData<string, string> NotCanonical => new()
    {
        { "compact header names", Invite.Replace("Via: SIP/2.0/UDP 10.0.0.1", "v: SIP/2.0/UDP 10.0.0.1", StringComparison.Ordinal).Replace("Call-ID:", "i:", StringComparison.Ordinal) },
        { "a folded header", Invite.Replace("Subject: Performance Test", "Subject: Performance\r\n  Test", StringComparison.Ordinal) },
        { "no space after the colon", Invite.Replace("Contact: <", "Contact:<", StringComparison.Ordinal) },
        { "lower-case names", Invite.Replace("Max-Forwards:", "max-forwards:", StringComparison.Ordinal) },
        { "no Content-Length", Invite.Replace("Content-Length: 4\r\n", string.Empty, StringComparison.Ordinal) },
        { "white space after a value", Invite.Replace("CSeq: 7 INVITE\r\n", "CSeq: 7 INVITE  \r\n", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(NotCanonical))]
    public void A_message_not_in_canonical_form_is_written_out_in_canonical_form(string what, string text)
    {
        SipMessage message;
        try
        {
            message = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        }
        catch (SipParseException e)
        {
            Assert.Fail($"{what}: the test message must parse ({e.Reason})");
            return;
        }

        var canonical = message.ToArray();
        Assert.False(message.Bytes.Span.SequenceEqual(canonical), $"{what}: the message must differ from its canonical form");
        Assert.False(WireBytes.IsCanonical(message), what);
        Assert.Equal(canonical, WireBytes.Of(message).ToArray());
    }

    [Fact]
    public void A_canonical_message_is_sent_from_its_own_buffer()
    {
        var message = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(Invite));
        Assert.True(WireBytes.IsCanonical(message));
        var wire = WireBytes.Of(message);
        Assert.Equal(message.ToArray(), wire.ToArray());
        Assert.True(wire.Span.Overlaps(message.Bytes.Span));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(180)]
    [InlineData(200)]
    [InlineData(486)]
    public void Built_responses_are_canonical(int status)
    {
        var invite = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(Invite));
        var builder = SipMessageBuilder.CreateResponse(invite, status, toTag: status == 100 ? null : "b1");
        if (status == 200)
        {
            builder.AddHeader("Contact", "<sip:bob@10.0.0.9>").AddHeader("X-Unknown", "kept as given").SetBody("application/sdp", "v=0\r\n"u8.ToArray());
        }

        var response = builder.Build();
        Assert.True(WireBytes.IsCanonical(response));
        Assert.Equal(response.ToArray(), WireBytes.Of(response).ToArray());
    }

    [Fact]
    public void The_100_trying_written_from_the_request_is_what_the_builder_makes()
    {
        var invite = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(Invite));
        var expected = SipMessageBuilder.CreateResponse(invite, 100).Build().ToArray();
        var trying = TryingResponse.For(invite);
        Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(trying.Bytes.Span));
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.ToTag);
        Assert.True(WireBytes.IsCanonical(trying));
    }

    [Fact]
    public void The_100_trying_expands_compact_names_and_unfolds_values_as_the_builder_does()
    {
        var text = Invite
            .Replace("Via: SIP/2.0/UDP 10.0.0.1", "v: SIP/2.0/UDP 10.0.0.1", StringComparison.Ordinal)
            .Replace("From: \"Alice\" <sip:alice@example.com>;tag=a1", "f: \"Alice\"\r\n <sip:alice@example.com>;tag=a1", StringComparison.Ordinal)
            .Replace("Call-ID:", "i:", StringComparison.Ordinal);
        var invite = (SipRequest)SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        var expected = SipMessageBuilder.CreateResponse(invite, 100).Build().ToArray();
        Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(TryingResponse.For(invite).Bytes.Span));
    }
}
