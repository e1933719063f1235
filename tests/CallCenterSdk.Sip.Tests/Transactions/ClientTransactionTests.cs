using CallCenterSdk.Sip.Headers;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transactions;
using static CallCenterSdk.Sip.Tests.Transactions.TransactionHarness;

namespace CallCenterSdk.Sip.Tests.Transactions;

public class ClientTransactionTests
{
    [Fact]
    public void Invite_retransmits_on_timer_A_doubling_without_cap_until_timer_B()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        h.SendRequest(invite, PeerUdp);
        h.RunUntil(40_000);
        // §17.1.1.2: 0, T1, 3T1, 7T1, 15T1, 31T1, 63T1 = seven transmissions before 64*T1.
        Assert.Equal([0L, 500, 1500, 3500, 7500, 15500, 31500], h.Sent.Select(s => s.At));
        var timeout = Assert.Single(h.Events, e => e.Kind == TransactionEventKind.Timeout);
        Assert.Equal(TransactionState.Terminated, timeout.Transaction!.State);
        Assert.Equal(6, h.Layer.Statistics.Retransmissions);
        Assert.Equal(0, h.Layer.ClientCount);
    }

    [Fact]
    public void Provisional_response_stops_invite_retransmission_and_reaches_the_tu()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        var t = h.SendRequest(invite, PeerUdp);
        h.RunUntil(600);
        h.Receive(ResponseTo(invite, 180), PeerUdp);
        h.RunUntil(20_000);
        Assert.Equal([0L, 500], h.Sent.Select(s => s.At));
        Assert.Equal(TransactionState.Proceeding, t.State);
        Assert.True(((ClientInviteTransaction)t).CanCancel);
        Assert.Equal(180, ((SipResponse)Assert.Single(h.Events).Message!).StatusCode);
    }

    [Fact]
    public void Non_2xx_final_is_acknowledged_in_the_transaction_and_retransmissions_reacked_until_timer_D()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        var t = h.SendRequest(invite, PeerUdp);
        var busy = ResponseTo(invite, 486, "busy-tag");
        h.Receive(busy, PeerUdp);
        Assert.Equal(TransactionState.Completed, t.State);
        var ack = Assert.IsType<SipRequest>(h.SentMessages.Last());
        // §17.1.1.3: same branch, CSeq number with ACK, To with the response's tag, Request-URI of the INVITE.
        Assert.Equal(SipMethod.Ack, ack.Method);
        Assert.Equal(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(new CSeqHeader(1, SipMethod.Ack), ack.CSeq);
        Assert.Equal("busy-tag", ack.ToTag);
        Assert.Equal("from-1", ack.FromTag);
        Assert.Equal(invite.CallId, ack.CallId);
        Assert.Equal(invite.RequestUriBytes.ToArray(), ack.RequestUriBytes.ToArray());

        h.RunUntil(5_000);
        h.Receive(busy, PeerUdp); // retransmitted 486
        Assert.Equal(3, h.Sent.Count); // INVITE, ACK, ACK again
        Assert.Single(h.Events); // the retransmission is not passed up
        h.RunUntil(31_990);
        Assert.Equal(TransactionState.Completed, t.State);
        h.RunUntil(32_010);
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Success_moves_invite_to_accepted_where_2xx_retransmissions_reach_the_tu_until_timer_M()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        var t = h.SendRequest(invite, PeerUdp);
        var ok = ResponseTo(invite, 200);
        h.Receive(ok, PeerUdp);
        Assert.Equal(TransactionState.Accepted, t.State);
        h.RunUntil(2_000);
        h.Receive(ok, PeerUdp);
        Assert.Equal(2, h.Events.Count(e => e.Kind == TransactionEventKind.Response));
        Assert.Single(h.Sent); // the TU acks 2xx itself; the transaction sends no ACK
        h.RunUntil(32_010);
        Assert.Equal(TransactionState.Terminated, t.State);
        h.Receive(ok, PeerUdp);
        Assert.Equal(TransactionEventKind.StrayResponse, h.Events[^1].Kind);
    }

    [Fact]
    public void Reliable_transport_never_retransmits_and_ends_at_once_after_a_non_2xx()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE", transport: "TCP");
        var t = h.SendRequest(invite, PeerTcp);
        h.RunUntil(10_000);
        Assert.Single(h.Sent);
        h.Receive(ResponseTo(invite, 603), PeerTcp);
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(SipMethod.Ack, ((SipRequest)h.SentMessages.Last()).Method);
        Assert.Equal(PeerTcp, h.Sent[^1].Message.Destination);
    }

    [Fact]
    public void Non_invite_retransmits_doubling_up_to_T2_until_timer_F()
    {
        var h = new TransactionHarness();
        h.SendRequest(Request("OPTIONS"), PeerUdp);
        h.RunUntil(40_000);
        Assert.Equal([0L, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], h.Sent.Select(s => s.At));
        Assert.Equal(TransactionEventKind.Timeout, Assert.Single(h.Events).Kind);
    }

    [Fact]
    public void Non_invite_in_proceeding_retransmits_every_T2()
    {
        var h = new TransactionHarness();
        var register = Request("REGISTER");
        h.SendRequest(register, PeerUdp);
        h.RunUntil(600); // first retransmission at 500, next due at 1500
        h.Receive(ResponseTo(register, 100), PeerUdp);
        h.RunUntil(10_000);
        Assert.Equal([0L, 500, 1500, 5500, 9500], h.Sent.Select(s => s.At));
    }

    [Fact]
    public void Non_invite_completed_absorbs_final_retransmissions_until_timer_K()
    {
        var h = new TransactionHarness();
        var bye = Request("BYE", toTag: "to-1");
        var t = h.SendRequest(bye, PeerUdp);
        var ok = ResponseTo(bye, 200);
        h.Receive(ok, PeerUdp);
        h.Receive(ok, PeerUdp);
        Assert.Single(h.Events);
        Assert.Equal(TransactionState.Completed, t.State);
        h.RunUntil(5_010); // K = T4
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Transport_error_is_reported_and_ends_the_transaction()
    {
        var h = new TransactionHarness();
        var t = h.SendRequest(Request("INVITE"), PeerUdp);
        h.Layer.ReportTransportError(t, "ICMP port unreachable");
        h.Collect();
        var e = Assert.Single(h.Events);
        Assert.Equal(TransactionEventKind.TransportError, e.Kind);
        Assert.Equal("ICMP port unreachable", e.Reason);
        Assert.Equal(TransactionState.Terminated, t.State);
        h.RunUntil(5_000);
        Assert.Single(h.Sent);
    }

    [Fact]
    public void Cancel_copies_the_invite_identity_with_its_own_method()
    {
        var invite = Request("INVITE", cseq: 42);
        var h = new TransactionHarness();
        var t = (ClientInviteTransaction)h.SendRequest(invite, PeerUdp);
        var cancel = t.CreateCancel("SIP;cause=200;text=\"Call completed elsewhere\"");
        Assert.Equal(SipMethod.Cancel, cancel.Method);
        Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch);
        Assert.Equal(new CSeqHeader(42, SipMethod.Cancel), cancel.CSeq);
        Assert.Null(cancel.ToTag);
        var cancelTransaction = h.SendRequest(cancel, PeerUdp);
        Assert.IsType<ClientNonInviteTransaction>(cancelTransaction);
        Assert.Equal(2, h.Layer.ClientCount); // same branch, different method: two transactions
    }

    [Fact]
    public void Ack_cannot_start_a_client_transaction()
    {
        var h = new TransactionHarness();
        Assert.Throws<ArgumentException>(() => h.Layer.SendRequest(Request("ACK"), PeerUdp, 0));
    }
}
