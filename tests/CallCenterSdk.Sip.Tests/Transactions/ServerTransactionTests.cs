using System.Net;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Transactions;
using CallCenterSdk.Sip.Transport;
using static CallCenterSdk.Sip.Tests.Transactions.TransactionHarness;

namespace CallCenterSdk.Sip.Tests.Transactions;

public class ServerTransactionTests
{
    [Fact]
    public void Invite_is_reported_once_and_answered_with_100_trying_at_once()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        h.Receive(invite, PeerUdp);
        var e = Assert.Single(h.Events);
        Assert.Equal(TransactionEventKind.Request, e.Kind);
        Assert.IsType<ServerInviteTransaction>(e.Transaction);
        Assert.Equal(100, ((SipResponse)Assert.Single(h.SentMessages)).StatusCode);

        h.Receive(invite, PeerUdp); // retransmission: 100 repeated, not reported again
        Assert.Single(h.Events);
        Assert.Equal(2, h.Sent.Count);
    }

    [Fact]
    public void Non_2xx_final_retransmits_on_timer_G_up_to_T2_until_timer_H_without_ack()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        h.Receive(invite, PeerUdp);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        h.Respond(t, ResponseTo(invite, 486));
        h.RunUntil(40_000);
        var finals = h.SendTimesOf(m => m is SipResponse { StatusCode: 486 }).ToArray();
        Assert.Equal([0L, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], finals);
        Assert.Equal(TransactionEventKind.Timeout, h.Events[^1].Kind);
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Ack_confirms_a_non_2xx_and_later_acks_are_absorbed_until_timer_I()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        h.Receive(invite, PeerUdp);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        h.Respond(t, ResponseTo(invite, 480));
        h.RunUntil(700);
        var ack = Request("ACK", toTag: "to-1");
        h.Receive(ack, PeerUdp);
        Assert.Equal(TransactionState.Confirmed, t.State);
        var sent = h.Sent.Count;
        h.Receive(ack, PeerUdp);
        h.RunUntil(4_000);
        Assert.Equal(sent, h.Sent.Count); // no more 480s, ACK retransmission absorbed
        Assert.Single(h.Events);
        h.RunUntil(5_800); // I = T4 after the ACK at 700
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(0, h.Layer.ServerCount);
    }

    [Fact]
    public void Success_moves_to_accepted_absorbing_invite_retransmissions_and_passing_2xx_acks_up()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE");
        h.Receive(invite, PeerUdp);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        var ok = ResponseTo(invite, 200);
        h.Respond(t, ok);
        Assert.Equal(TransactionState.Accepted, t.State);
        var sent = h.Sent.Count;
        h.Receive(invite, PeerUdp);
        Assert.Equal(sent, h.Sent.Count);
        h.Respond(t, ok); // the TU's own 2xx retransmission (§13.3.1.4) passes through
        Assert.Equal(sent + 1, h.Sent.Count);
        h.Receive(Request("ACK", branch: "z9hG4bK-ack-2xx", toTag: "to-1"), PeerUdp);
        Assert.Equal(TransactionEventKind.Ack, h.Events[^1].Kind);
        h.RunUntil(32_010); // Timer L
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Sending_a_response_after_the_final_is_an_error()
    {
        var h = new TransactionHarness();
        var options = Request("OPTIONS");
        h.Receive(options, PeerUdp);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        h.Respond(t, ResponseTo(options, 200));
        Assert.Throws<InvalidOperationException>(() => h.Respond(t, ResponseTo(options, 500)));
    }

    [Fact]
    public void Non_invite_absorbs_retransmissions_while_trying_and_repeats_the_final_until_timer_J()
    {
        var h = new TransactionHarness();
        var register = Request("REGISTER");
        h.Receive(register, PeerUdp);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        h.Receive(register, PeerUdp);
        Assert.Empty(h.Sent); // Trying absorbs
        h.Respond(t, ResponseTo(register, 200));
        h.Receive(register, PeerUdp);
        Assert.Equal(2, h.Sent.Count);
        Assert.Single(h.Events);
        h.RunUntil(31_990);
        Assert.Equal(TransactionState.Completed, t.State);
        h.RunUntil(32_010);
        Assert.Equal(TransactionState.Terminated, t.State);
    }

    [Fact]
    public void Non_invite_over_tcp_ends_as_soon_as_the_final_is_sent()
    {
        var h = new TransactionHarness();
        var options = Request("OPTIONS", transport: "TCP");
        h.Receive(options, PeerTcp);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        h.Respond(t, ResponseTo(options, 200));
        Assert.Equal(TransactionState.Terminated, t.State);
        Assert.Equal(PeerTcp, h.Sent[0].Message.Destination); // same connection
    }

    [Fact]
    public void Responses_follow_rport_to_the_source_port_and_otherwise_the_via_port()
    {
        var nat = new SipEndpoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40000));
        var h = new TransactionHarness();
        h.Receive(Request("OPTIONS", branch: "z9hG4bK-a", viaHost: "10.0.0.5:5070;rport"), nat);
        h.Respond((ServerTransaction)h.Events[0].Transaction!, ResponseTo((SipRequest)h.Events[0].Message!, 200));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40000), h.Sent[0].Message.Destination.Remote);

        h.Receive(Request("OPTIONS", branch: "z9hG4bK-b", viaHost: "10.0.0.5:5072"), nat);
        h.Respond((ServerTransaction)h.Events[1].Transaction!, ResponseTo((SipRequest)h.Events[1].Message!, 200));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.9"), 5072), h.Sent[1].Message.Destination.Remote);
    }

    [Fact]
    public void Cancel_finds_the_invite_transaction_it_refers_to()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE", branch: "z9hG4bK-inv");
        h.Receive(invite, PeerUdp);
        var cancel = Request("CANCEL", branch: "z9hG4bK-inv");
        h.Receive(cancel, PeerUdp);
        Assert.Equal(2, h.Events.Count);
        Assert.Same(h.Events[0].Transaction, h.Layer.FindInviteForCancel(cancel));
        Assert.Null(h.Layer.FindInviteForCancel(Request("CANCEL", branch: "z9hG4bK-other")));
    }

    [Fact]
    public void Rfc2543_requests_without_magic_cookie_match_by_their_fields_and_the_ack_by_to_tag()
    {
        var h = new TransactionHarness();
        var invite = Request("INVITE", branch: "old-style-1");
        h.Receive(invite, PeerUdp);
        h.Receive(Request("INVITE", branch: "old-style-1"), PeerUdp);
        Assert.Single(h.Events);
        var t = (ServerTransaction)h.Events[0].Transaction!;
        h.Respond(t, ResponseTo(invite, 404, "legacy-tag"));
        h.Receive(Request("ACK", branch: "old-style-1", toTag: "someone-else"), PeerUdp);
        Assert.Equal(TransactionState.Completed, t.State); // different To tag: not our ACK
        h.Receive(Request("ACK", branch: "old-style-1", toTag: "legacy-tag"), PeerUdp);
        Assert.Equal(TransactionState.Confirmed, t.State);
    }

    [Fact]
    public void Holds_thousands_of_transactions_and_cleans_every_one_up()
    {
        var h = new TransactionHarness();
        for (var i = 0; i < 5_000; i++)
        {
            var options = Request("OPTIONS", branch: $"z9hG4bK-{i}");
            h.Layer.ReceiveRequest(options, PeerUdp, h.Now);
        }

        var events = new List<TransactionEvent>();
        h.Layer.DrainEvents(events);
        foreach (var e in events)
        {
            h.Layer.SendResponse((ServerTransaction)e.Transaction!, ResponseTo((SipRequest)e.Message!, 200), h.Now);
        }

        Assert.Equal(5_000, h.Layer.ServerCount);
        h.RunUntil(33_000);
        Assert.Equal(0, h.Layer.ServerCount);
    }
}
