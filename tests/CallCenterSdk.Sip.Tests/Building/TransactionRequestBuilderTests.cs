using CallCenterSdk.Sip.Building;
using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Uris;

namespace CallCenterSdk.Sip.Tests.Building;

/// <summary>CANCEL (RFC 3261 §9.1) and the ACK for a failure (§17.1.1.3), built from the INVITE.</summary>
public class TransactionRequestBuilderTests
{
    private static SipRequest Invite() => (SipRequest)SipMessageBuilder.Request(SipMethod.Invite, SipUri.Parse("sip:bob@biloxi.example.com"))
        .AddHeader("Via", "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8, SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1")
        .AddHeader("Max-Forwards", "69")
        .AddHeader("Route", "<sip:p2.example.com;lr>")
        .AddHeader("From", "Alice <sip:alice@atlanta.example.com>;tag=1928301774")
        .AddHeader("To", "Bob <sip:bob@biloxi.example.com>")
        .AddHeader("Call-ID", "a84b4c76e66710")
        .AddHeader("CSeq", "314159 INVITE")
        .AddHeader("Contact", "<sip:alice@pc33.atlanta.example.com>")
        .Build();

    [Fact]
    public void Cancel_matches_the_invite_transaction_with_method_cancel()
    {
        var invite = Invite();
        var cancel = (SipRequest)SipMessageBuilder.CreateCancel(invite).Build();
        Assert.Equal(SipMethod.Cancel, cancel.Method);
        Assert.Equal(invite.RequestUri, cancel.RequestUri);
        Assert.Equal(new CSeqHeader(314159, SipMethod.Cancel), cancel.CSeq);
        var via = Assert.Single(cancel.Vias);
        Assert.Equal("z9hG4bKnashds8", via.Branch);
        Assert.Equal(invite.Headers["From"], cancel.Headers["From"]);
        Assert.Equal(invite.Headers["To"], cancel.Headers["To"]);
        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Equal("<sip:p2.example.com;lr>", cancel.Headers["Route"]);
        Assert.Null(cancel.Headers["Contact"]);
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.CreateCancel(cancel));
    }

    [Fact]
    public void Ack_for_a_failure_takes_to_from_the_response_and_the_rest_from_the_invite()
    {
        var invite = Invite();
        var busy = (SipResponse)SipMessageBuilder.CreateResponse(invite, 486, toTag: "8321234356").Build();
        var ack = (SipRequest)SipMessageBuilder.CreateAckForFailure(invite, busy).Build();
        Assert.Equal(SipMethod.Ack, ack.Method);
        Assert.Equal("8321234356", ack.ToTag);
        Assert.Equal(new CSeqHeader(314159, SipMethod.Ack), ack.CSeq);
        Assert.Equal("z9hG4bKnashds8", Assert.Single(ack.Vias).Branch);
        Assert.Equal(invite.FromTag, ack.FromTag);
        Assert.Throws<ArgumentException>(() => SipMessageBuilder.CreateAckForFailure(invite, (SipResponse)SipMessageBuilder.CreateResponse(invite, 200, toTag: "x").Build()));
    }
}
