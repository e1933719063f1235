using System.Text;
using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;
using CallCenterSdk.Sip.Tests.Parsing;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Building;

public class SipMessageBuilderTests
{
    private static SipRequest NewInvite(SipIdentifiers ids) =>
        (SipRequest)SipMessageBuilder.CreateRequest(
                SipMethod.Invite,
                SipUri.Parse("sip:bob@biloxi.example.com"),
                NameAddress.Parse("\"Alice\" <sip:alice@atlanta.example.com>"),
                NameAddress.Parse("<sip:bob@biloxi.example.com>"),
                new ViaHeader("UDP", "pc33.atlanta.example.com", 5060),
                314159,
                ids,
                contact: NameAddress.Parse("<sip:alice@pc33.atlanta.example.com>"))
            .SetBody("application/sdp", "v=0\r\n"u8.ToArray())
            .Build();

    [Fact]
    public void New_request_has_fresh_branch_tag_call_id_and_the_mandatory_headers_in_rfc_order()
    {
        var m = NewInvite(new SipIdentifiers(new Random(1)));
        Assert.Equal(["Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact", "Content-Type", "Content-Length"], m.Headers.Select(h => h.Name));
        Assert.True(m.TopVia.HasRfc3261Branch);
        Assert.True(m.TopVia.HasRPort);
        Assert.Equal(70, m.MaxForwards);
        Assert.NotNull(m.FromTag);
        Assert.Null(m.ToTag);
        Assert.EndsWith("@pc33.atlanta.example.com", m.CallId, StringComparison.Ordinal);
        Assert.Equal(new CSeqHeader(314159, SipMethod.Invite), m.CSeq);
        Assert.Equal("Alice", m.From.DisplayName);
        Assert.Equal(5, m.Body.Length);
        Assert.Equal(5, m.ContentLength);
    }

    [Fact]
    public void Same_seed_gives_same_identifiers_and_different_seeds_differ()
    {
        var a = NewInvite(new SipIdentifiers(new Random(7)));
        var b = NewInvite(new SipIdentifiers(new Random(7)));
        var c = NewInvite(new SipIdentifiers(new Random(8)));
        Assert.Equal(a.TopVia.Branch, b.TopVia.Branch);
        Assert.Equal(a.CallId, b.CallId);
        Assert.NotEqual(a.TopVia.Branch, c.TopVia.Branch);
        Assert.NotEqual(a.FromTag, c.FromTag);
    }

    [Fact]
    public void Response_copies_via_from_call_id_cseq_exactly_and_tags_to()
    {
        var request = (SipRequest)SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/transports.sip").AsMemory());
        var response = (SipResponse)SipMessageBuilder.CreateResponse(request, 200, toTag: "uas1").Build();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(request.Headers.Where(h => h.Kind == HeaderKind.Via).Select(h => h.Value), response.Headers.Where(h => h.Kind == HeaderKind.Via).Select(h => h.Value));
        Assert.Equal(request.Headers["From"], response.Headers["From"]);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("uas1", response.ToTag);
        Assert.True(response.TopViaBranchBytes.SequenceEqual(request.TopViaBranchBytes));
        Assert.DoesNotContain(response.Headers, h => h.Name == "Accept");
    }

    [Fact]
    public void Response_copies_header_bytes_under_canonical_names_and_unfolds_folded_values()
    {
        // Compact names, a folded From, a UTF-8 display name: the response carries the bytes of single-line values as
        // received (never through text, so nothing is re-encoded), folded values on one line, all under long names.
        var wire = "INVITE sip:bob@example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP h.example.com;branch=z9hG4bK77;rport\r\n" +
            "f: \"Zoë Öztürk\" <sip:zoe@example.com>\r\n ;tag=88\r\n" +
            "t: <sip:bob@example.com>\r\n" +
            "i: c-77@h\r\n" +
            "CSeq: 7 INVITE\r\n" +
            "l: 0\r\n\r\n";
        var request = SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(wire));
        var response = SipMessageBuilder.CreateResponse(request, 180, toTag: "r1").Build();
        var text = Encoding.UTF8.GetString(response.Bytes.Span);
        Assert.Contains("\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK77;rport\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nFrom: \"Zoë Öztürk\" <sip:zoe@example.com> ;tag=88\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nTo: <sip:bob@example.com>;tag=r1\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nCall-ID: c-77@h\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nCSeq: 7 INVITE\r\n", text, StringComparison.Ordinal);
        Assert.Equal("88", response.FromTag);
        Assert.Equal(request.Headers["From"], response.Headers["From"]);

        // Built on one thread after a large body: the next message is still exactly its own bytes.
        var big = SipMessageBuilder.CreateResponse(request, 200, toTag: "r1").SetBody("text/plain", new byte[40_000]).Build();
        Assert.Equal(40_000, big.Body.Length);
        var small = SipMessageBuilder.CreateResponse(request, 200, toTag: "r1").Build();
        Assert.Equal(0, small.Body.Length);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", Encoding.UTF8.GetString(small.Bytes.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Trying_copies_timestamp_and_needs_no_to_tag()
    {
        var request = SipMessageBuilder.Request(SipMethod.Invite, SipUri.Parse("sip:bob@example.com"))
            .AddHeader("Via", "SIP/2.0/UDP h;branch=z9hG4bK1")
            .AddHeader("From", "<sip:a@example.com>;tag=1")
            .AddHeader("To", "<sip:bob@example.com>")
            .AddHeader("Call-ID", "x")
            .AddHeader("CSeq", "1 INVITE")
            .AddHeader("Timestamp", "54")
            .AddHeader("Record-Route", "<sip:p1.example.com;lr>")
            .Build();
        var trying = SipMessageBuilder.CreateResponse(request, 100).Build();
        Assert.Equal("54", trying.Headers["Timestamp"]);
        Assert.Null(trying.ToTag);
        Assert.Empty(trying.RecordRoutes);
        var ringing = SipMessageBuilder.CreateResponse(request, 180, toTag: "t2").Build();
        Assert.Null(ringing.Headers["Timestamp"]);
        Assert.Equal("sip:p1.example.com;lr", Assert.Single(ringing.RecordRoutes).Uri.ToString());
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.CreateResponse(request, 486));
    }

    [Fact]
    public void A_400_can_be_built_from_the_partial_message_of_a_rejected_request()
    {
        var e = Assert.Throws<SipParseException>(() => SipMessageParser.ParseDatagram(SipCorpus.Read("rfc4475/mismatch01.sip").AsMemory()));
        var response = (SipResponse)SipMessageBuilder.CreateResponse(e.PartialMessage!, e.StatusCode, e.Reason, "t1").Build();
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("CSeq method does not match the request method", response.ReasonPhrase);
        Assert.Equal("mismatch01.dj0234sxdfl3", response.CallId);
    }

    [Fact]
    public void Header_values_with_line_breaks_are_refused_to_prevent_injection()
    {
        var b = SipMessageBuilder.Response(200);
        Assert.Throws<ArgumentException>(() => b.AddHeader("Subject", "hi\r\nVia: evil"));
        Assert.Throws<ArgumentException>(() => b.AddHeader("Bad Name", "x"));
        Assert.Throws<ArgumentException>(() => b.AddHeader("Content-Length", "5"));
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.Request(SipMethod.Invite, SipUri.Parse("sip:a@b?x=y")));
    }

    [Fact]
    public void Builder_writes_canonical_bytes()
    {
        var w = new System.Buffers.ArrayBufferWriter<byte>();
        SipMessageBuilder.Response(486).AddHeader("v", "SIP/2.0/UDP h").WriteTo(w);
        Assert.Equal("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP h\r\nContent-Length: 0\r\n\r\n", Encoding.ASCII.GetString(w.WrittenSpan));
    }
}
